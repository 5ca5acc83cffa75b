package io.payguard.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

/**
 * Over TLS, the connection pinned to 127.0.0.1 still presents the URL's host: SNI names it and the certificate is
 * checked against it. The certificate (for pinned.test only) is made with the JDK's keytool for each run.
 */
class WebhookSenderTlsTest {

    private static final byte[] BODY = "{}".getBytes();
    private static final ConcurrentLinkedQueue<String> SNI = new ConcurrentLinkedQueue<>();

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static int port;
    private static PemTrustOptions trust;

    @BeforeAll
    static void startTlsServer() throws Exception {
        var keystore = dir.resolve("pinned.p12");
        var cert = dir.resolve("pinned.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "pinned",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=pinned.test",
                "-ext",
                "SAN=dns:pinned.test",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "pinned",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                cert.toString());
        trust = new PemTrustOptions().addCertPath(cert.toString());
        vertx = Vertx.vertx();
        var options = new HttpServerOptions()
                .setSsl(true)
                .setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit"));
        HttpServer server = VertxFutures.listen(vertx, options, request -> {
            SNI.add(String.valueOf(request.connection().indicatedServerName()));
            request.response().setStatusCode(204).end();
        });
        port = server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        VertxFutures.await(vertx.close());
    }

    @Test
    void theCertificateIsCheckedAgainstTheUrlsHostAndSniNamesIt() {
        try (var sender = new WebhookSender(vertx, OutboundPolicy.dev(), host -> loopback(), trust)) {
            var attempt = send(sender, "https://pinned.test:" + port + "/ok");
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
            assertThat(attempt.statusCode()).isEqualTo(204);
            assertThat(SNI).contains("pinned.test");
        }
    }

    @Test
    void aCertificateForAnotherHostFails() {
        try (var sender = new WebhookSender(vertx, OutboundPolicy.dev(), host -> loopback(), trust)) {
            var attempt = send(sender, "https://other.test:" + port + "/ok");
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.failure()).isEqualTo("connection_failed");
            assertThat(attempt.statusCode()).isZero();
        }
    }

    @Test
    void anUntrustedCertificateFails() {
        // the JDK's trust store: the self-made certificate is not in it
        try (var sender = new WebhookSender(vertx, OutboundPolicy.dev(), host -> loopback())) {
            assertThat(send(sender, "https://pinned.test:" + port + "/ok").failure())
                    .isEqualTo("connection_failed");
        }
    }

    private static DeliveryAttempt send(WebhookSender sender, String url) {
        return sender.send(url, Map.of(), BODY).await().atMost(Duration.ofSeconds(20));
    }

    private static List<InetAddress> loopback() throws UnknownHostException {
        return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    }

    private static void keytool(String... args) throws Exception {
        var java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        var command = new java.util.ArrayList<String>();
        command.add(java.resolveSibling("keytool").toString());
        command.addAll(List.of(args));
        var log = Files.createTempFile(dir, "keytool", ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    }
}
