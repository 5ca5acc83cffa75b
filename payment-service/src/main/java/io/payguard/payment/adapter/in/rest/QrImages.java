package io.payguard.payment.adapter.in.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.zxing.client.j2se.MatrixToImageWriter;

/**
 * Draws a payload as a QR code with ZXing: the module matrix (error correction M, 4-module quiet zone; built by
 * {@link BarcodeImages#qrMatrix}) as PNG (ZXing's {@code MatrixToImageWriter}, through the JDK's ImageIO) or as SVG (one
 * path of the dark modules, {@link BarcodeImages#path}).
 */
final class QrImages {

    private static final int SIZE = 512;
    private static final int MARGIN = 4;

    private QrImages() {}

    static byte[] png(String payload) {
        var out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(BarcodeImages.qrMatrix(payload, SIZE, MARGIN), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String svg(String payload) {
        var m = BarcodeImages.qrMatrix(payload, 0, MARGIN);
        var path = new StringBuilder();
        BarcodeImages.path(path, m, 0, 0);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }
}
