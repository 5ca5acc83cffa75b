package io.payguard.wallet.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.money.MoneyConfig;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.wallet.application.WalletCommand;

/** The amount of a wallet command is a positive JSON integer in an enabled currency; anything else is poison. */
class WalletCommandAmountsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final WalletCommandDecoder decoder = new WalletCommandDecoder(new MoneyInputs(new MoneyConfig() {
        @Override
        public List<String> currencies() {
            return List.of("CNY", "JPY");
        }

        @Override
        public long maxAmount() {
            return 99_999_999_999L;
        }
    }));

    static CloudEvent command(String type, String amount) throws Exception {
        var data = JSON.readTree("""
                {"paymentId":"pi_1","customerId":"c-1","merchantId":"demo-merchant-a","refundId":"re_1","expiresAt":"2030-01-01T00:00:00Z",
                 "holdId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","amount":%s}
                """.formatted(amount));
        return CloudEvent.of(
                "cmd-1",
                "/payguard/payment-service",
                WalletCommandDecoder.PREFIX + type,
                "payment/pi_1",
                Instant.EPOCH,
                data);
    }

    @Test
    void exactAmountsAreRead() throws Exception {
        var place = (WalletCommand.PlaceHold)
                decoder.decode(command("hold.place.v1", "{\"minor\":1999,\"currency\":\"CNY\"}"));
        assertThat(place.amount()).isEqualTo(Money.of(1999, "CNY"));
        var refund =
                (WalletCommand.Refund) decoder.decode(command("refund.v1", "{\"minor\":1500,\"currency\":\"JPY\"}"));
        assertThat(refund.amount()).isEqualTo(Money.of(1500, "JPY"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"minor\":1.5,\"currency\":\"CNY\"}",
                "{\"minor\":1.0,\"currency\":\"CNY\"}",
                "{\"minor\":1e2,\"currency\":\"CNY\"}",
                "{\"minor\":\"100\",\"currency\":\"CNY\"}",
                "{\"minor\":0,\"currency\":\"CNY\"}",
                "{\"minor\":-1,\"currency\":\"CNY\"}",
                "{\"minor\":99999999999999999999,\"currency\":\"CNY\"}",
                "{\"minor\":100,\"currency\":\"XXX\"}",
                "{\"minor\":100,\"currency\":\"XTS\"}",
                "{\"minor\":100,\"currency\":\"XAU\"}",
                "{\"minor\":100,\"currency\":\"USD\"}",
                "{\"minor\":100}",
                "\"100 CNY\""
            })
    void anythingElseIsAPoisonMessage(String amount) throws Exception {
        for (var type : List.of("hold.place.v1", "hold.capture.v1", "refund.v1")) {
            var event = command(type, amount);
            assertThatThrownBy(() -> decoder.decode(event))
                    .as(type)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("amount");
        }
    }
}
