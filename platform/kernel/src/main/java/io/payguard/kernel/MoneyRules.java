package io.payguard.kernel;

import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which money a service accepts from its callers and from other services: the enabled currencies (a subset of the
 * ISO 4217 currencies that have minor units) and the largest amount a single request may name, in minor units of
 * any currency. Every service that takes amounts builds the same rules from {@code payguard.money.*}.
 */
public record MoneyRules(Set<Currency> currencies, long maxMinor) {

    public MoneyRules {
        currencies = Set.copyOf(currencies);
        if (currencies.isEmpty()) {
            throw new IllegalArgumentException("at least one currency must be enabled");
        }
        for (var c : currencies) {
            if (!Money.isMoney(c)) {
                throw new IllegalArgumentException(c.getCurrencyCode() + " has no minor units and cannot be enabled");
            }
        }
        if (maxMinor < 1) {
            throw new IllegalArgumentException("the largest amount must be at least 1 minor unit");
        }
    }

    /** @throws IllegalArgumentException for a code that is not an ISO 4217 currency with minor units */
    public static MoneyRules of(Collection<String> codes, long maxMinor) {
        var currencies = new LinkedHashSet<Currency>();
        for (var code : codes) {
            currencies.add(Currency.getInstance(code.strip()));
        }
        return new MoneyRules(currencies, maxMinor);
    }

    /** The enabled currency with this code; empty for anything else (unknown, lower case, not money, not enabled). */
    public Optional<Currency> currency(String code) {
        return currencies.stream().filter(c -> c.getCurrencyCode().equals(code)).findFirst();
    }

    /** Whether a request may name this amount: 1 up to {@link #maxMinor()} minor units. */
    public boolean accepts(long minor) {
        return minor >= 1 && minor <= maxMinor;
    }

    /** The enabled codes, sorted and comma-separated: for problem details and logs. */
    public String codes() {
        return currencies.stream()
                .map(Currency::getCurrencyCode)
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(", "));
    }
}
