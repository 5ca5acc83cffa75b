package io.payguard.wallet.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.testing.TestMoney;
import io.payguard.platform.testing.contracts.EventContracts;
import io.payguard.wallet.application.WalletCommand;

/**
 * The consumer side of the saga's contract: wallet-service decodes every command {@code contracts/events/} describes
 * for {@code wallet.commands} into the typed command it stands for (the producer side: payment-service's FakeWallet
 * checks what payment-service sends; {@code WalletAnswersWireTest} checks the answers against their schemas).
 */
class WalletCommandContractTest {

    private final WalletCommandDecoder decoder = new WalletCommandDecoder(TestMoney.inputs("CNY"));

    @Test
    void everyCommandTheContractDescribesIsDecoded() {
        var types = EventContracts.typesOn("wallet.commands");
        assertThat(types).hasSize(9);
        var decoded = new java.util.ArrayList<Class<?>>();
        for (String type : types) {
            var data = EventContracts.example(type);
            WalletCommand command = decoder.decode(CloudEvent.of(
                    UUID.randomUUID().toString(), "/payguard/payment-service", type, "payment/x", Instant.EPOCH, data));
            assertThat(command.paymentId())
                    .as(type)
                    .isEqualTo(data.get("paymentId").asText());
            decoded.add(command.getClass());
        }
        assertThat(decoded)
                .as("each command type decodes to its own command")
                .doesNotHaveDuplicates()
                .hasSameSizeAs(WalletCommand.class.getPermittedSubclasses());
    }
}
