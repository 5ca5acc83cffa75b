package io.payguard.payment.application;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.MalformedEventException;

/**
 * One {@code wallet.events} answer, decoded by the messaging adapter: the event's id and type, the id of the payment
 * (or payout) it is about and of the command it answers ({@code causationId}); the adapter refuses an answer without
 * them. The other fields are checked where an answer's handling needs them: one that is missing or unusable there
 * makes the answer a poison message ({@link MalformedEventException}); an answer for a payment this service does not
 * know is ignored, whatever it lacks.
 *
 * @param rejection the reason of a {@code command.rejected} answer, {@code rejected} when it gives none
 */
public record WalletAnswer(
        String eventId,
        String type,
        String paymentId,
        String causationId,
        Field<String> holdId,
        Field<String> reason,
        Field<String> refundId,
        Field<String> entryId,
        Field<Money> amount,
        String rejection) {

    /** A field of the answer: its value, or why the answer cannot give it. */
    public record Field<T>(T value, String problem) {

        public static <T> Field<T> of(T value) {
            return new Field<>(value, null);
        }

        public static <T> Field<T> unusable(String problem) {
            return new Field<>(null, problem);
        }

        /** The value; a poison message when the answer does not carry a usable one. */
        public T require() {
            if (problem != null) {
                throw new MalformedEventException(problem);
            }
            return value;
        }
    }
}
