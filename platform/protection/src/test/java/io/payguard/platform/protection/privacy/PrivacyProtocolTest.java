package io.payguard.platform.protection.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.protection.privacy.PrivacyMessages.ConsentState;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureBlocked;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureDone;
import io.payguard.platform.protection.privacy.PrivacyReply.ExportPart;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasureCommit;
import io.payguard.platform.protection.privacy.PrivacyRequest.ExportRequested;

class PrivacyProtocolTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final String SUBJECT = "5b0f3f8e-9a51-4c2e-8d0b-0c6f2b1f7a10";
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final PrivacyMessages messages = new PrivacyMessages(mapper);
    private final CloudEventCodec codec = new CloudEventCodec(mapper);

    private CloudEvent wire(CloudEvent event) {
        return codec.read(codec.write(event));
    }

    @Test
    void requestsSurviveTheWire() {
        var export = new ExportRequested("dsr_0123456789ab", SUBJECT, "AbC-_9");
        var commit = new ErasureCommit("dsr_0123456789ab", SUBJECT, "psn_0123456789ab");

        assertThat(PrivacyMessages.readRequest(wire(messages.request(export, "/payguard/auth-service", AT))))
                .isEqualTo(export);
        assertThat(PrivacyMessages.readRequest(wire(messages.request(commit, "/payguard/auth-service", AT))))
                .isEqualTo(commit);
    }

    @Test
    void repliesSurviveTheWire() {
        var done = new ErasureDone(
                "dsr_0123456789ab",
                "payment-service",
                List.of(
                        ErasureOutcome.erased("card_tokens", 2),
                        ErasureOutcome.held("payment_intents", 3, AT.plusSeconds(86_400), "AML Law art. 35")));
        var blocked = new ErasureBlocked(
                "dsr_0123456789ab", "wallet-service", "wallet_balance_not_zero", "Withdraw the balance first.");
        var part = new ExportPart("dsr_0123456789ab", "wallet-service", 0, 1, "c2VhbGVk");

        for (PrivacyReply reply : List.of(done, blocked, part)) {
            assertThat(PrivacyMessages.readReply(wire(messages.reply(reply, "/payguard/x", AT))))
                    .isEqualTo(reply);
        }
    }

    @Test
    void aRequestOutsideTheContractIsPoison() {
        ObjectNode data =
                mapper.createObjectNode().put("requestId", "not-a-dsr").put("subject", SUBJECT);
        var event = CloudEvent.of(
                "6a1f3e52-2f0e-4d5e-9a43-5b1b0c2a9d11", "/x", PrivacyMessages.ERASURE_PREPARE, null, AT, data);
        assertThatThrownBy(() -> PrivacyMessages.readRequest(event)).isInstanceOf(MalformedEventException.class);

        data.put("requestId", "dsr_0123456789ab").put("pseudonym", SUBJECT);
        var commit = CloudEvent.of(
                "6a1f3e52-2f0e-4d5e-9a43-5b1b0c2a9d12", "/x", PrivacyMessages.ERASURE_COMMIT, null, AT, data);
        assertThatThrownBy(() -> PrivacyMessages.readRequest(commit))
                .as("the pseudonym must not be the subject or any other non-pseudonym")
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aSealedPartOpensOnlyForItsRequestAndService() throws GeneralSecurityException {
        var recipient = ExportSeal.newRecipient();
        byte[] plain = "{\"wallets\":[{\"balance\":100}]}".getBytes(StandardCharsets.UTF_8);
        String sealed = ExportSeal.seal(recipient.publicKey(), "dsr_0123456789ab", "wallet-service", plain);

        assertThat(new String(sealed.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))
                .doesNotContain("balance");
        assertThat(ExportSeal.open(recipient.privateKeyset(), "dsr_0123456789ab", "wallet-service", sealed))
                .isEqualTo(plain);
        assertThatThrownBy(
                        () -> ExportSeal.open(recipient.privateKeyset(), "dsr_0123456789ab", "payment-service", sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> ExportSeal.open(
                        ExportSeal.newRecipient().privateKeyset(), "dsr_0123456789ab", "wallet-service", sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(recipient.toString()).doesNotContain(recipient.privateKeyset());
    }

    @Test
    void aLargeExportIsChunkedAndJoinsBack() {
        String sealed = "A".repeat(ExportSeal.CHUNK_CHARS * 2 + 5);
        List<String> chunks = ExportSeal.chunks(sealed);
        assertThat(chunks).hasSize(3);
        assertThat(String.join("", chunks)).isEqualTo(sealed);
        assertThatThrownBy(() -> ExportSeal.chunks("A".repeat(ExportSeal.CHUNK_CHARS * ExportSeal.MAX_CHUNKS + 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBadRecipientKeyIsRefusedAsInvalid() {
        assertThatThrownBy(() -> ExportSeal.seal("bm90IGEga2V5", "dsr_0123456789ab", "x", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConsentViewKeepsTheLatestStateAndRefusesNamingThePurpose() {
        var view = new ConsentView(codec, new SimpleMeterRegistry());
        assertThatThrownBy(() -> view.require(SUBJECT, "marketing"))
                .isInstanceOf(ApplicationException.class)
                .hasMessageContaining("'marketing'");

        view.consume(record(messages.consent(new ConsentState(SUBJECT, "marketing", 1, true, AT), "/a")));
        assertThat(view.granted(SUBJECT, "marketing")).isTrue();
        view.require(SUBJECT, "marketing");

        view.consume(
                record(messages.consent(new ConsentState(SUBJECT, "marketing", 1, false, AT.plusSeconds(5)), "/a")));
        view.consume(
                record(messages.consent(new ConsentState(SUBJECT, "marketing", 1, true, AT.plusSeconds(1)), "/a")));
        assertThat(view.granted(SUBJECT, "marketing"))
                .as("a reordered older grant does not undo a withdrawal")
                .isFalse();
        assertThat(view.granted(SUBJECT, "cross_border_transfer")).isFalse();

        view.consume(
                new org.apache.kafka.clients.consumer.ConsumerRecord<>("privacy.consents", 0, 9, "k", "{not json"));
        assertThat(view.state(SUBJECT, "marketing")).isPresent();
    }

    private org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record(CloudEvent event) {
        return new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                "privacy.consents", 0, 0, "k", codec.write(event));
    }
}
