package io.payguard.payment.adapter.in.rest;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Draws a payment code as the POS scanners read it, with ZXing: a Code 128 barcode above a QR code of the same digits
 * (as the wallets' "pay" screens show them), as PNG or SVG. Nothing else is written into the image.
 */
final class BarcodeImages {

    private static final int WIDTH = 360;
    private static final int BAR_HEIGHT = 120;
    private static final int QR_SIZE = 280;
    private static final int GAP = 24;

    private BarcodeImages() {}

    static byte[] png(String digits) {
        var bars = bars(digits);
        var qr = qr(digits);
        int height = BAR_HEIGHT + GAP + QR_SIZE;
        var image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_BYTE_BINARY);
        var g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
        } finally {
            g.dispose();
        }
        paint(image, bars, 0, 0);
        paint(image, qr, (WIDTH - QR_SIZE) / 2, BAR_HEIGHT + GAP);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String svg(String digits) {
        var bars = bars(digits);
        var qr = qr(digits);
        int height = BAR_HEIGHT + GAP + QR_SIZE;
        var svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .append("<path fill=\"#000\" d=\"");
        path(svg, bars, 0, 0);
        path(svg, qr, (WIDTH - QR_SIZE) / 2, BAR_HEIGHT + GAP);
        return svg.append("\"/></svg>").toString();
    }

    private static BitMatrix bars(String digits) {
        return new Code128Writer()
                .encode(digits, BarcodeFormat.CODE_128, WIDTH, BAR_HEIGHT, Map.of(EncodeHintType.MARGIN, 10));
    }

    private static BitMatrix qr(String digits) {
        return qrMatrix(digits, QR_SIZE, 2);
    }

    /**
     * A QR code of {@code text} (error correction M, a quiet zone of {@code margin} modules), {@code size} pixels square
     * (0: one unit per module). Shared with {@link QrImages}.
     */
    static BitMatrix qrMatrix(String text, int size, int margin) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    margin));
        } catch (WriterException e) {
            throw new IllegalStateException("the text is too long for a QR code", e);
        }
    }

    private static void paint(BufferedImage image, BitMatrix m, int left, int top) {
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    image.setRGB(left + x, top + y, 0xFF000000);
                }
            }
        }
    }

    /** One horizontal run of dark modules per path segment: compact and exact. Shared with {@link QrImages}. */
    static void path(StringBuilder svg, BitMatrix m, int left, int top) {
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < m.getWidth() && m.get(x, y)) {
                    x++;
                }
                svg.append('M')
                        .append(left + start)
                        .append(' ')
                        .append(top + y)
                        .append('h')
                        .append(x - start)
                        .append("v1h-")
                        .append(x - start)
                        .append('z');
            }
        }
    }
}
