package io.payguard.wallet;

import static io.payguard.wallet.WalletApiTest.as;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.LocalKafka;

/**
 * Money into a wallet the only way it can come in: a rail delivered it. For this module's tests the rail is played by
 * a {@code top_up.credit.v1} command on {@code wallet.commands}, exactly what the payment service sends once it has
 * captured the customer's card charge (contracts/events/README.md). The wallet has no other way in.
 */
final class Rails {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rails() {}

    /** Credits {@code minor} CNY to the wallet as a captured card top-up of the token's customer; waits until it is posted. */
    static String topUp(String token, String wallet, long minor) {
        return topUp(token, wallet, minor, "CNY");
    }

    /** @return the id of the top-up entry */
    static String topUp(String token, String wallet, long minor, String currency) {
        long before = balance(token, wallet);
        String payment = "pi_" + UUID.randomUUID().toString().replace("-", "");
        send(creditCommand(UUID.randomUUID().toString(), payment, subject(token), wallet, minor, currency), payment);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(token, wallet) == before + minor);
        return as(token)
                .get("/v1/wallets/" + wallet + "/statement?type=top_up&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].entryId");
    }

    static String creditCommand(
            String id, String paymentId, String customer, String wallet, long minor, String currency) {
        return """
                {"specversion":"1.0","id":"%s","source":"/payguard/payment-service","type":"io.payguard.wallet.top_up.credit.v1",
                 "time":"2026-12-06T10:00:00Z","datacontenttype":"application/json","data":{"paymentId":"%s","walletId":"%s","customerId":"%s",
                 "amount":{"minor":%d,"currency":"%s"}}}
                """.formatted(id, paymentId, wallet, customer, minor, currency);
    }

    static void send(String event, String key) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()))) {
            var record = new ProducerRecord<>("wallet.commands", key, event);
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long balance(String token, String wallet) {
        return as(token)
                .get("/v1/wallets/" + wallet)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("balance.minor");
    }

    /** The token's {@code sub}: the customer the credit is for. */
    static String subject(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                    .path("sub")
                    .asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
