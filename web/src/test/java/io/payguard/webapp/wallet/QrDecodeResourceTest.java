package io.payguard.webapp.wallet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class QrDecodeResourceTest {

    /** An EMVCo MPM payload as payment-service issues it (dynamic, 600.00 CNY). */
    private static final String PAYLOAD = "00020101021226330010io.payguard0115QRREFABCDEFGHIJ"
            + "520458125303156540660000.005802CN5915demo-merchant-a6008Shanghai62090505table6304ABCD";

    @Test
    void readsTheQrCodeOfAPng() throws Exception {
        given().contentType("image/png")
                .body(png(PAYLOAD, 512))
                .when()
                .post("/v1/qr/decode")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("text", equalTo(PAYLOAD));
    }

    /**
     * A 512 px PNG payment-service rendered for a dynamic code of 500.01 CNY (an e2e run's WalletBrowserIT): ZXing's
     * finder-pattern detector finds no code in it with either binariser; read as a pure barcode it decodes.
     */
    @Test
    void readsAGeneratedCodeTheFinderPatternDetectorMisses() throws Exception {
        byte[] image;
        try (var in = QrDecodeResourceTest.class.getResourceAsStream("/qr/detector-miss.png")) {
            image = in.readAllBytes();
        }
        given().contentType("image/png")
                .body(image)
                .when()
                .post("/v1/qr/decode")
                .then()
                .statusCode(200)
                .body(
                        "text",
                        org.hamcrest.Matchers.equalTo(
                                "00020101021226450011io.payguard0126D7BYCOQVKIHMPFY2M2XW5TQQIA5204599953031565406500.015802CN5915demo-merchant-a6008Shanghai630444CB"));
    }

    @Test
    void readsAJpegPhotoOfASmallCodeWithAMargin() throws Exception {
        BufferedImage code = MatrixToImageWriter.toBufferedImage(
                new QRCodeWriter().encode("hello wallet", BarcodeFormat.QR_CODE, 200, 200));
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.fillRect(0, 0, 640, 480);
        g.drawImage(code, 220, 140, null);
        g.dispose();
        given().contentType("image/jpeg")
                .body(encode(photo, "jpg"))
                .post("/v1/qr/decode")
                .then()
                .statusCode(200)
                .body("text", equalTo("hello wallet"));
    }

    @Test
    void anImageWithoutACodeIs422() throws Exception {
        BufferedImage blank = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        problem(given().contentType("image/png").body(encode(blank, "png")), 422, "qr_code_not_found");
    }

    @Test
    void bytesThatAreNoImageAre400() {
        problem(given().contentType("image/png").body("not an image".getBytes()), 400, "qr_image_unreadable");
        // an empty body (Content-Length: 0) is not sent: since main's merge every empty POST to this app hangs
        // (reported)
        // a PNG signature followed by garbage
        byte[] broken = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2};
        problem(given().contentType("image/png").body(broken), 400, "qr_image_unreadable");
    }

    @Test
    void anotherTypeIs415() {
        problem(given().contentType("text/plain").body("000201"), 415, "qr_image_type_unsupported");
        problem(given().contentType("image/svg+xml").body("<svg/>"), 415, "qr_image_type_unsupported");
        problem(
                given().contentType("application/octet-stream").body(new byte[] {1, 2, 3}),
                415,
                "qr_image_type_unsupported");
    }

    @Test
    void moreThanOneMebibyteIs413() {
        problem(
                given().contentType("image/png").body(new byte[QrDecodeResource.MAX_BYTES + 1]),
                413,
                "qr_image_too_large");
    }

    @Test
    void aSmallFileDeclaringAHugeImageIs413WithoutDecodingIt() throws Exception {
        // 1 x 1 pixel PNG whose header claims 60,000 x 60,000: refused from the header, no raster allocated
        byte[] tiny = encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png");
        tiny[16] = 0;
        tiny[17] = 0;
        tiny[18] = (byte) 0xEA;
        tiny[19] = 0x60;
        tiny[20] = 0;
        tiny[21] = 0;
        tiny[22] = (byte) 0xEA;
        tiny[23] = 0x60;
        problem(given().contentType("image/png").body(tiny), 413, "qr_image_too_large");
    }

    private static void problem(io.restassured.specification.RequestSpecification request, int status, String code) {
        request.when()
                .post("/v1/qr/decode")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body("type", equalTo("https://payguard.io/problems/" + code));
    }

    private static byte[] png(String text, int size) throws WriterException, IOException {
        var matrix = new QRCodeWriter()
                .encode(
                        text,
                        BarcodeFormat.QR_CODE,
                        size,
                        size,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        var out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
