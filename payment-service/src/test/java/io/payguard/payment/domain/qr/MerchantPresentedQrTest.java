package io.payguard.payment.domain.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import io.payguard.kernel.Money;

/** The EMVCo MPM codec: exact amounts, the CRC, round trips, and that no single changed character goes unnoticed. */
class MerchantPresentedQrTest {

    private static final String GUID = "io.payguard";

    static MerchantPresentedQr dynamic(long minor, String currency) {
        return new MerchantPresentedQr(
                MerchantPresentedQr.Initiation.DYNAMIC,
                List.of(new MerchantPresentedQr.MerchantAccount("26", GUID, "K7Q2ZP4MX3D5RVNA6YT8EWJCBH")),
                "5999",
                Currency.getInstance(currency),
                Money.of(minor, currency),
                "CN",
                "merchant-7f3c9a",
                "Shanghai",
                null);
    }

    @Test
    void crcIsCcittFalse() {
        // the check value of CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor)
        assertThat(EmvTlv.crc("123456789")).isEqualTo("29B1");
    }

    @Test
    void writesTheFieldsInOrderWithExactAmountsAndTheCrc() {
        String payload = dynamic(60000, "CNY").payload();
        assertThat(payload)
                .startsWith("000201010212")
                .contains("26450011io.payguard0126K7Q2ZP4MX3D5RVNA6YT8EWJCBH")
                .contains("52045999")
                .contains("5303156")
                .contains("5406600.00")
                .contains("5802CN")
                .contains("5915merchant-7f3c9a")
                .contains("6008Shanghai");
        assertThat(payload.substring(payload.length() - 8, payload.length() - 4))
                .isEqualTo("6304");
        assertThat(payload.substring(payload.length() - 4))
                .isEqualTo(EmvTlv.crc(payload.substring(0, payload.length() - 4)))
                .matches("[0-9A-F]{4}");
        // the currency's minor digits: yen have none, dinars three; one minor unit stays one minor unit
        assertThat(dynamic(1, "CNY").payload()).contains("54040.01");
        assertThat(dynamic(1234, "JPY").payload()).contains("54041234").contains("5303392");
        assertThat(dynamic(1, "KWD").payload()).contains("54050.001");
        assertThat(dynamic(99_999_999_999L, "CNY").payload()).contains("5412999999999.99");
    }

    @Test
    void aStaticCodeHasNoAmountAndPointOfInitiation11() {
        var code = new MerchantPresentedQr(
                MerchantPresentedQr.Initiation.STATIC,
                List.of(new MerchantPresentedQr.MerchantAccount("26", GUID, "K7Q2ZP4MX3D5RVNA6YT8EWJCBH")),
                "5999",
                Currency.getInstance("CNY"),
                null,
                "CN",
                "merchant-7f3c9a",
                "Shanghai",
                "till-1");
        String payload = code.payload();
        assertThat(payload).startsWith("000201010211").doesNotContain("5406").contains("62100506till-1");
        assertThat(MerchantPresentedQr.parse(payload)).isEqualTo(code);
    }

    @Test
    void refusesWhatIsNoMpmPayload() {
        String good = dynamic(60000, "CNY").payload();
        for (String bad : List.of(
                "",
                "hello",
                "x".repeat(100_000),
                "00020101021263040000",
                good.substring(0, good.length() - 1),
                good + "0",
                good.replace("5406600.00", "5406600,00"),
                "\u0000" + good,
                "00020101021226450011io.payguard0126K7Q2ZP4MX3D5RVNA6YT8EWJCBH520459995303156" + "5406600.00"
                        + "5802CN5915merchant-7f3c9a6008Shanghai6304")) {
            assertThatThrownBy(() -> MerchantPresentedQr.parse(bad))
                    .as(bad.length() > 40 ? bad.substring(0, 40) : bad)
                    .isInstanceOf(QrPayloadInvalid.class);
        }
    }

    @Test
    void anAmountWithMoreDecimalsThanTheCurrencyHasIsRefusedEvenWithARightCrc() {
        String body = "00020101021226450011io.payguard0126K7Q2ZP4MX3D5RVNA6YT8EWJCBH52045999530315654086000.001"
                + "5802CN5915merchant-7f3c9a6008Shanghai6304";
        assertThatThrownBy(() -> MerchantPresentedQr.parse(body + EmvTlv.crc(body)))
                .isInstanceOf(QrPayloadInvalid.class)
                .hasMessageContaining("decimals");
    }

    @Property(tries = 300)
    void roundTrips(@ForAll("codes") MerchantPresentedQr code) {
        assertThat(MerchantPresentedQr.parse(code.payload())).isEqualTo(code);
    }

    @Property(tries = 500)
    void anySingleChangedCharacterIsDetected(
            @ForAll("codes") MerchantPresentedQr code,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 0x20, max = 0x7E) int replacement) {
        String payload = code.payload();
        int at = where % payload.length();
        char c = (char) replacement;
        if (payload.charAt(at) == c) {
            c = c == '~' ? ' ' : (char) (c + 1);
        }
        String changed = payload.substring(0, at) + c + payload.substring(at + 1);
        assertThatThrownBy(() -> MerchantPresentedQr.parse(changed)).isInstanceOf(QrPayloadInvalid.class);
    }

    @Provide
    Arbitrary<MerchantPresentedQr> codes() {
        Arbitrary<String> currencies = Arbitraries.of("CNY", "USD", "EUR", "JPY", "HKD", "KWD");
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 99_999_999_999L);
        net.jqwik.api.arbitraries.StringArbitrary printable =
                Arbitraries.strings().withCharRange(' ', '~');
        Arbitrary<String> reference = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                .ofLength(26);
        Arbitrary<String> tag = Arbitraries.integers().between(26, 51).map(String::valueOf);
        return Combinators.combine(
                        Arbitraries.of(MerchantPresentedQr.Initiation.values()),
                        currencies,
                        amounts,
                        reference,
                        tag,
                        printable.ofMinLength(1).ofMaxLength(25),
                        printable.ofMinLength(1).ofMaxLength(15),
                        printable.ofMinLength(1).ofMaxLength(25).injectNull(0.5))
                .as((initiation, currency, minor, ref, t, name, city, label) -> new MerchantPresentedQr(
                        initiation,
                        List.of(new MerchantPresentedQr.MerchantAccount(t, GUID, ref)),
                        "5999",
                        Currency.getInstance(currency),
                        initiation == MerchantPresentedQr.Initiation.DYNAMIC ? Money.of(minor, currency) : null,
                        "CN",
                        name,
                        city,
                        label));
    }
}
