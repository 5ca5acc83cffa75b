package io.payguard.payment.domain.qr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.payguard.kernel.Money;

/**
 * An EMVCo merchant-presented-mode QR code (EMV QRCPS MPM): payload format indicator {@code 00} = {@code 01}, point of
 * initiation {@code 01} ({@code 11} static, {@code 12} dynamic), merchant account information templates in
 * {@code 26}-{@code 51} (sub-tag {@code 00} the globally unique id of the network, {@code 01} the code's reference),
 * merchant category code {@code 52}, ISO 4217 numeric currency {@code 53}, amount {@code 54} (major units with the
 * currency's minor digits, converted exactly from minor units), country {@code 58}, merchant name {@code 59}, city
 * {@code 60}, additional data {@code 62} (sub-tag {@code 05} the reference label) and the CRC {@code 63}. The payload
 * carries no secret: what is shown to the customer (name, amount) is display only, the server's record is the truth.
 */
public record MerchantPresentedQr(
        Initiation initiation,
        List<MerchantAccount> accounts,
        String merchantCategoryCode,
        Currency currency,
        Money amount,
        String countryCode,
        String merchantName,
        String city,
        String label) {

    public enum Initiation {
        STATIC("11"),
        DYNAMIC("12");

        private final String code;

        Initiation(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A merchant account information template: its id ({@code 26}-{@code 51}), the network's id and the reference. */
    public record MerchantAccount(String tag, String globallyUniqueId, String reference) {
        public MerchantAccount {
            if (tag == null || !tag.matches("2[6-9]|[34][0-9]|5[01]")) {
                throw new IllegalArgumentException("a merchant account template id is 26 to 51");
            }
            Objects.requireNonNull(globallyUniqueId, "globallyUniqueId");
        }
    }

    public MerchantPresentedQr {
        Objects.requireNonNull(initiation, "initiation");
        Objects.requireNonNull(currency, "currency");
        accounts = List.copyOf(accounts);
        if (amount != null && (!amount.currency().equals(currency) || amount.minor() <= 0)) {
            throw new IllegalArgumentException("the amount is positive and in the code's currency");
        }
    }

    /** The account of the network {@code globallyUniqueId}, if the code has one. */
    public Optional<MerchantAccount> account(String globallyUniqueId) {
        return accounts.stream()
                .filter(a -> a.globallyUniqueId().equals(globallyUniqueId))
                .findFirst();
    }

    /** The payload, CRC included. */
    public String payload() {
        var fields = new ArrayList<EmvTlv.Field>();
        fields.add(new EmvTlv.Field("00", "01"));
        fields.add(new EmvTlv.Field("01", initiation.code()));
        for (var a : accounts) {
            var sub = new ArrayList<EmvTlv.Field>();
            sub.add(new EmvTlv.Field("00", a.globallyUniqueId()));
            if (a.reference() != null) {
                sub.add(new EmvTlv.Field("01", a.reference()));
            }
            fields.add(new EmvTlv.Field(a.tag(), EmvTlv.encode(sub)));
        }
        fields.add(new EmvTlv.Field("52", merchantCategoryCode));
        fields.add(new EmvTlv.Field("53", String.format("%03d", currency.getNumericCode())));
        if (amount != null) {
            fields.add(new EmvTlv.Field("54", amount.toMajor().toPlainString()));
        }
        fields.add(new EmvTlv.Field("58", countryCode));
        fields.add(new EmvTlv.Field("59", merchantName));
        fields.add(new EmvTlv.Field("60", city));
        if (label != null) {
            fields.add(new EmvTlv.Field("62", new EmvTlv.Field("05", label).encoded()));
        }
        return EmvTlv.withCrc(fields);
    }

    /** Reads a payload; {@link QrPayloadInvalid} when it is no well-formed MPM code or its CRC is wrong. */
    public static MerchantPresentedQr parse(String payload) {
        var fields = EmvTlv.decode(payload);
        if (!fields.getFirst().id().equals("00") || !fields.getFirst().value().equals("01")) {
            throw new QrPayloadInvalid("the payload format indicator (00) comes first and is 01");
        }
        var initiation = switch (single(fields, "01")) {
            case "11" -> Initiation.STATIC;
            case "12" -> Initiation.DYNAMIC;
            default -> throw new QrPayloadInvalid("the point of initiation (01) is 11 or 12");
        };
        var accounts = new ArrayList<MerchantAccount>();
        for (var f : fields) {
            int id = Integer.parseInt(f.id());
            if (id >= 26 && id <= 51) {
                accounts.add(account(f));
            }
        }
        String mcc = single(fields, "52");
        if (!mcc.matches("[0-9]{4}")) {
            throw new QrPayloadInvalid("the merchant category code (52) is 4 digits");
        }
        var currency = currency(single(fields, "53"));
        var amount = optional(fields, "54").map(a -> amount(a, currency)).orElse(null);
        String label =
                optional(fields, "62").flatMap(MerchantPresentedQr::label).orElse(null);
        return new MerchantPresentedQr(
                initiation,
                accounts,
                mcc,
                currency,
                amount,
                single(fields, "58"),
                single(fields, "59"),
                single(fields, "60"),
                label);
    }

    private static MerchantAccount account(EmvTlv.Field f) {
        var sub = EmvTlv.parse(f.value());
        return new MerchantAccount(
                f.id(),
                optional(sub, "00")
                        .orElseThrow(
                                () -> new QrPayloadInvalid("merchant account " + f.id() + " has no unique id (00)")),
                optional(sub, "01").orElse(null));
    }

    private static Optional<String> label(String additionalData) {
        return optional(EmvTlv.parse(additionalData), "05");
    }

    private static Currency currency(String numeric) {
        if (!numeric.matches("[0-9]{3}")) {
            throw new QrPayloadInvalid("the currency (53) is an ISO 4217 numeric code");
        }
        int code = Integer.parseInt(numeric);
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getNumericCode() == code && Money.isMoney(c))
                .min(java.util.Comparator.comparing(Currency::getCurrencyCode))
                .orElseThrow(() -> new QrPayloadInvalid("the currency (53) is no ISO 4217 currency with minor units"));
    }

    /** The amount in major units, exactly (no floating point): at most the currency's minor digits after the point. */
    private static Money amount(String text, Currency currency) {
        if (!text.matches("[0-9]{1,13}(\\.[0-9]{1,3})?") || text.length() > 13) {
            throw new QrPayloadInvalid("the amount (54) is a decimal of at most 13 characters");
        }
        try {
            var money = Money.ofMajor(new BigDecimal(text), currency);
            if (money.minor() <= 0) {
                throw new QrPayloadInvalid("the amount (54) is positive");
            }
            return money;
        } catch (ArithmeticException e) {
            throw new QrPayloadInvalid("the amount (54) has more decimals than the currency's minor units");
        }
    }

    private static String single(List<EmvTlv.Field> fields, String id) {
        var values = fields.stream().filter(f -> f.id().equals(id)).toList();
        if (values.size() != 1) {
            throw new QrPayloadInvalid("data object " + id + " must appear once");
        }
        return values.getFirst().value();
    }

    private static Optional<String> optional(List<EmvTlv.Field> fields, String id) {
        var values = fields.stream().filter(f -> f.id().equals(id)).toList();
        if (values.size() > 1) {
            throw new QrPayloadInvalid("data object " + id + " appears more than once");
        }
        return values.stream().findFirst().map(EmvTlv.Field::value);
    }
}
