package io.payguard.payment.adapter.in.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws a payload as a QR code with ZXing: the module matrix (error correction M, 4-module quiet zone) as PNG
 * (ZXing's {@code MatrixToImageWriter}, through the JDK's ImageIO) or as SVG (one path of the dark modules).
 */
final class QrImages {

    private static final int SIZE = 512;

    private QrImages() {}

    static byte[] png(String payload) {
        var out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(payload, SIZE), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String svg(String payload) {
        var m = matrix(payload, 0);
        var path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }

    /** {@code size} 0: one unit per module. */
    private static BitMatrix matrix(String payload, int size) {
        try {
            return new QRCodeWriter()
                    .encode(
                            payload,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException("a payload of at most 512 characters always fits a QR code", e);
        }
    }
}
