package io.payguard.payment.domain;

import java.time.YearMonth;
import java.util.Optional;

/**
 * A card as it enters tokenisation: checked (Luhn, brand, expiry) and only ever shown masked. The PAN never
 * leaves this record except to the vault's encryption and to the acquirer.
 */
public record Card(String pan, Brand brand, int expMonth, int expYear) {

    public enum Brand {
        VISA("visa"),
        MASTERCARD("mastercard"),
        AMEX("amex"),
        UNIONPAY("unionpay"),
        DISCOVER("discover"),
        JCB("jcb");

        private final String id;

        Brand(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Why a card was refused at tokenisation. */
    public enum Problem {
        INVALID_NUMBER,
        UNKNOWN_BRAND,
        INVALID_EXPIRY,
        EXPIRED
    }

    public sealed interface Checked {
        record Valid(Card card) implements Checked {}

        record Invalid(Problem problem) implements Checked {}
    }

    @Override
    public String toString() {
        return "Card[" + brand.id() + " " + first6() + "******" + last4() + " " + expMonth + "/" + expYear + "]";
    }

    public String first6() {
        return pan.substring(0, 6);
    }

    public String last4() {
        return pan.substring(pan.length() - 4);
    }

    /** Checks a card number and expiry against the current month {@code today}. */
    public static Checked check(String number, int expMonth, int expYear, YearMonth today) {
        String pan = number == null ? "" : number.replaceAll("[ -]", "");
        if (!pan.matches("\\d{12,19}") || !CardNumbers.luhn(pan)) {
            return new Checked.Invalid(Problem.INVALID_NUMBER);
        }
        var brand = brand(pan);
        if (brand.isEmpty()) {
            return new Checked.Invalid(Problem.UNKNOWN_BRAND);
        }
        if (expMonth < 1 || expMonth > 12 || expYear < 2000 || expYear > today.getYear() + 20) {
            return new Checked.Invalid(Problem.INVALID_EXPIRY);
        }
        if (YearMonth.of(expYear, expMonth).isBefore(today)) {
            return new Checked.Invalid(Problem.EXPIRED);
        }
        return new Checked.Valid(new Card(pan, brand.get(), expMonth, expYear));
    }

    /** Brand by issuer identification number ranges (ISO/IEC 7812 prefixes as published by the schemes). */
    static Optional<Brand> brand(String pan) {
        int len = pan.length();
        int p2 = Integer.parseInt(pan.substring(0, 2));
        int p4 = Integer.parseInt(pan.substring(0, 4));
        int p6 = Integer.parseInt(pan.substring(0, 6));
        if ((p2 == 34 || p2 == 37) && len == 15) {
            return Optional.of(Brand.AMEX);
        }
        if (pan.startsWith("62") && len >= 16) {
            return Optional.of(Brand.UNIONPAY);
        }
        if (p4 >= 3528 && p4 <= 3589 && len >= 16) {
            return Optional.of(Brand.JCB);
        }
        if ((p2 >= 51 && p2 <= 55 || p6 >= 222100 && p6 <= 272099) && len == 16) {
            return Optional.of(Brand.MASTERCARD);
        }
        if ((pan.startsWith("6011") || pan.startsWith("65")) && len >= 16) {
            return Optional.of(Brand.DISCOVER);
        }
        if (pan.startsWith("4") && (len == 13 || len == 16 || len == 19)) {
            return Optional.of(Brand.VISA);
        }
        return Optional.empty();
    }
}
