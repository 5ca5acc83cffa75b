package io.payguard.payment.application.port;

import java.util.List;

import io.payguard.kernel.Money;
import io.smallrye.mutiny.Uni;

/**
 * The bank's payout rail (a credit transfer to a customer's bank account). Idempotent by payout id: the same id sent
 * twice pays once and answers as the first time. A timeout is an unknown outcome, resolved by {@link #query}.
 */
public interface PayoutRail {

    /** The order for the bank; {@code toString} never shows the account number or the holder's name. */
    record Order(String payoutId, String bankCode, String accountNumber, String holderName, Money amount) {
        @Override
        public String toString() {
            return "Order[" + payoutId + ", " + bankCode + ", ****"
                    + accountNumber.substring(accountNumber.length() - 4) + ", " + amount + "]";
        }
    }

    sealed interface Result {
        record Paid(String reference) implements Result {}

        record Rejected(String reasonCode) implements Result {}

        /** No answer: the bank may or may not have paid. */
        record Unknown() implements Result {}

        /** The bank has never seen this payout id (answer to a query only). */
        record NotFound() implements Result {}
    }

    /** A paid payout the bank sent back (account closed, frozen, name mismatch found later); {@code position} orders the feed. */
    record Returned(long position, String payoutId, String reasonCode) {}

    String name();

    Uni<Result> send(Order order);

    Uni<Result> query(String payoutId);

    /** Returns reported after {@code position}, oldest first (the bank's return file, read in order). */
    Uni<List<Returned>> returnsAfter(long position);
}
