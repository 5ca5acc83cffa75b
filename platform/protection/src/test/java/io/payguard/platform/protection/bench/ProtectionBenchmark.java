package io.payguard.platform.protection.bench;

import static io.payguard.platform.protection.classification.DataClass.C2;
import static io.payguard.platform.protection.classification.DataClass.C3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKey;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.payguard.platform.protection.kms.local.LocalKeyManagementService;
import io.payguard.platform.protection.masking.MaskingModule;
import io.payguard.platform.redaction.Redactor;

/**
 * Cost of the kit on the request path: one C2 field encrypted and decrypted with a cached data key, the
 * blind index of a phone, and JSON serialisation of a typical payment payload with and without masking.
 * Run: {@code ./mvnw -pl platform/protection verify -Pbenchmark -DskipTests} (not part of the default build).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProtectionBenchmark {

    public record Card(
            @Classified(level = C2, kind = DataKind.PAN) String pan,
            String brand,
            int expiryMonth,
            int expiryYear,
            @Classified(level = C3, kind = DataKind.CVV) String cvv) {}

    public record Customer(
            String id,
            @Classified(level = C2, kind = DataKind.NAME) String name,
            @Classified(level = C2, kind = DataKind.PHONE) String phone,
            @Classified(level = C2, kind = DataKind.EMAIL) String email,

            @Classified(level = C2, kind = DataKind.ID_NUMBER)
            String idNumber) {}

    public record Payment(
            String id,
            String merchantId,
            long amountMinor,
            String currency,
            String status,
            String reference,
            Card card,
            Customer customer,
            List<String> tags) {}

    public record PlainPayment(
            String id,
            String merchantId,
            long amountMinor,
            String currency,
            String status,
            String reference,
            PlainCard card,
            PlainCustomer customer,
            List<String> tags) {}

    public record PlainCard(String pan, String brand, int expiryMonth, int expiryYear, String cvv) {}

    public record PlainCustomer(String id, String name, String phone, String email, String idNumber) {}

    private FieldEncryptor fields;
    private SubjectKey key;
    private BlindIndex blindIndex;
    private final FieldContext context =
            new FieldContext("customer_profile", "phone", "0b6c1c2e-4f4e-4a8e-9f51-4c1d2b9f7a10", "subject-1");
    private String stored;
    private ObjectMapper masking;
    private ObjectMapper plain;
    private Payment payment;
    private PlainPayment plainPayment;
    private String logLine;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("payguard-bench-keys");
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        var kms = new LocalKeyManagementService(dir, master, new SecureRandom());
        var keyring = new SubjectKeyring(kms, "bench-kek", 10_000);
        fields = new FieldEncryptor(keyring);
        key = keyring.create("subject-1", 1);
        stored = fields.encrypt(key, context, "13812345678");
        blindIndex = new BlindIndex(kms, "bench-bidx");
        masking = new ObjectMapper().registerModule(new MaskingModule());
        plain = new ObjectMapper();
        payment = new Payment(
                "pay_01J9Z3",
                "merchant-a",
                12_345,
                "CNY",
                "authorized",
                "order-778812",
                new Card("6222021234561236", "unionpay", 12, 2029, "123"),
                new Customer("cus_778", "张三", "13812345678", "alice@example.com", "11010519491231002X"),
                List.of("online", "retail"));
        plainPayment = new PlainPayment(
                "pay_01J9Z3",
                "merchant-a",
                12_345,
                "CNY",
                "authorized",
                "order-778812",
                new PlainCard("6222021234561236", "unionpay", 12, 2029, "123"),
                new PlainCustomer("cus_778", "张三", "13812345678", "alice@example.com", "11010519491231002X"),
                List.of("online", "retail"));
        logLine = "payment pay_01J9Z3 for card 6222021234561236 by 13812345678 declined: issuer timeout after 3000 ms";
    }

    @Benchmark
    public String encryptField() {
        return fields.encrypt(key, context, "13812345678");
    }

    @Benchmark
    public FieldValue decryptField() {
        return fields.decrypt(key, context, stored);
    }

    @Benchmark
    public String blindIndexOfPhone() {
        return blindIndex.of("customer_profile", "phone", "13812345678");
    }

    @Benchmark
    public String serialisePaymentMasked() throws JsonProcessingException {
        return masking.writeValueAsString(payment);
    }

    @Benchmark
    public String serialisePaymentUnmaskedBaseline() throws JsonProcessingException {
        return plain.writeValueAsString(plainPayment);
    }

    @Benchmark
    public String redactLogLine() {
        return Redactor.redact(logLine);
    }
}
