package io.payguard.webapp.wallet;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * {@code POST /v1/qr/decode}: the wallet's fallback QR reader for browsers without {@code BarcodeDetector}. The body is
 * an image (PNG, JPEG, GIF or BMP, at most 1 MiB and 4096 x 4096 pixels) from the camera or an uploaded file; the
 * answer is {@code {"text": "..."}}, the QR code's content, read by ZXing. Nothing is stored or logged: the code is a
 * merchant's EMVCo payload, which the app sends on to payment-service. Every refusal is an RFC 9457 problem (400
 * {@code qr_image_unreadable}, 413 {@code qr_image_too_large}, 415 {@code qr_image_type_unsupported}, 422
 * {@code qr_code_not_found}), never a 5xx. No authentication: it reads a picture, like the browser's own detector.
 */
@Path("/v1/qr/decode")
public class QrDecodeResource {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_SIDE = 4096;
    private static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");
    private static final String PROBLEM = "application/problem+json";

    public record Decoded(String text) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, String code) {
        static Problem of(int status, String code, String title, String detail) {
            return new Problem("https://payguard.io/problems/" + code, title, status, detail, code);
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public Response decode(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            return problem(
                    415,
                    "qr_image_type_unsupported",
                    "Image type not supported",
                    "Send a PNG, JPEG, GIF or BMP image.");
        }
        if (body == null || body.length == 0) {
            return problem(400, "qr_image_unreadable", "Image unreadable", "The request has no image.");
        }
        if (body.length > MAX_BYTES) {
            return problem(413, "qr_image_too_large", "Image too large", "An image may have at most 1 MiB.");
        }
        BufferedImage image;
        try {
            image = read(body);
        } catch (TooLarge e) {
            return problem(
                    413, "qr_image_too_large", "Image too large", "An image may have at most 4096 x 4096 pixels.");
        } catch (IOException | RuntimeException e) {
            return problem(400, "qr_image_unreadable", "Image unreadable", "The image could not be read.");
        }
        if (image == null) {
            return problem(400, "qr_image_unreadable", "Image unreadable", "The image could not be read.");
        }
        String text = qrText(image);
        if (text == null) {
            return problem(422, "qr_code_not_found", "No QR code found", "No readable QR code is in the image.");
        }
        return Response.ok(new Decoded(text), MediaType.APPLICATION_JSON).build();
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("image too large", null);
        }
    }

    /** Reads the size from the header first, so a small file cannot make us allocate a huge raster. */
    static BufferedImage read(byte[] body) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            if (in == null) {
                return null;
            }
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return null;
                }
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new TooLarge();
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The QR code's text, or {@code null}. ZXing's finder-pattern detector misses some clean, generated codes depending
     * on their content (one of payment-service's own 512 px PNGs, issue 20's CI run), so the attempts go on until one
     * reads: the hybrid binariser (camera frames), then the global one (flat images); each with detection, then as a
     * pure barcode (a code that fills the picture, the usual upload); on the picture, then on it scaled to 60 %.
     * At most eight attempts, on a picture of at most {@code MAX_SIDE} pixels a side.
     */
    static String qrText(BufferedImage image) {
        for (BufferedImage candidate : List.of(image, scaled(image, 0.6))) {
            for (boolean pure : new boolean[] {false, true}) {
                String text = decode(candidate, pure);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String decode(BufferedImage image, boolean pure) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
        if (pure) {
            hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        }
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (Binarizer binarizer : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
            try {
                return new QRCodeReader()
                        .decode(new BinaryBitmap(binarizer), hints)
                        .getText();
            } catch (ReaderException | RuntimeException e) {
                // try the next binariser
            }
        }
        return null;
    }

    private static BufferedImage scaled(BufferedImage image, double factor) {
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        var out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        try {
            g.setRenderingHint(
                    java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Response problem(int status, String code, String title, String detail) {
        return Response.status(status)
                .type(PROBLEM)
                .entity(Problem.of(status, code, title, detail))
                .build();
    }
}
