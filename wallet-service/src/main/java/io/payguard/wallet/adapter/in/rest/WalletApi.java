package io.payguard.wallet.adapter.in.rest;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.payguard.wallet.domain.Account;

/** The wallet API's request and response bodies: API records, never entities. Unknown fields are refused. */
final class WalletApi {

    private WalletApi() {}

    /** Money on the wire: {@code {"minor": 1250, "currency": "CNY"}}, minor a JSON integer (see StrictNumbersCustomizer). */
    record Amount(Long minor, String currency) {
        static Amount of(long minor, Currency currency) {
            return new Amount(minor, currency.getCurrencyCode());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record OpenWallet(String currency, String walletClass) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Transfer(Amount amount, String toWalletId) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Payment(Amount amount, String merchantId) {}

    record Wallet(String id, String walletClass, Amount balance, Amount held, Amount available, boolean frozen) {
        static Wallet of(Account a) {
            return new Wallet(
                    a.id().value(),
                    a.walletClass().id(),
                    Amount.of(a.balance(), a.currency()),
                    Amount.of(a.held(), a.currency()),
                    Amount.of(a.available(), a.currency()),
                    a.frozen());
        }
    }

    record StatementItem(
            String entryId, String type, String direction, Amount amount, Instant postedAt, String reference) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatementPage(List<StatementItem> items, String nextCursor) {}
}
