package io.payguard.wallet.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.OutflowUsage;
import io.payguard.wallet.domain.RefusalReason;
import io.payguard.wallet.domain.WalletClass;
import io.smallrye.mutiny.Uni;

/**
 * The customer's wallet operations. Funds move through {@link LedgerService} inside an {@link Idempotency}
 * transaction; a move ends in a typed {@link Result} (moved, or refused by the ledger or the merchant directory), which
 * the calling adapter renders as the answer to store: refusals are stored answers like successes, so a retry replays
 * them.
 */
@ApplicationScoped
public class WalletService {

    /** A funds movement a customer asked for, resolved against their own wallet. */
    public sealed interface Move {
        Money amount();

        record Transfer(Money amount, AccountId recipient) implements Move {}

        record Pay(Money amount, String merchantId) implements Move {}
    }

    /** What a move ended in; the caller renders it as the answer stored under the Idempotency-Key. */
    public sealed interface Result {

        /** The entry was posted; {@code amount} is what left or reached the wallet, then its balance and available funds. */
        record Moved(
                UUID entryId,
                EntryKind kind,
                AccountId walletId,
                Money amount,
                long balance,
                long available,
                Instant postedAt)
                implements Result {}

        /**
         * A refusal that is the move's answer (stored, unlike a thrown one): {@code limit} names the limit that would be
         * exceeded, or is null.
         */
        record Refused(ApplicationException refusal, String limit) implements Result {}
    }

    private final WalletStore wallets;
    private final LedgerStore ledgerStore;
    private final LedgerService ledger;
    private final AccountLayout layout;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Ids ids;
    private final MerchantDirectory merchants;

    public WalletService(
            WalletStore wallets,
            LedgerStore ledgerStore,
            LedgerService ledger,
            AccountLayout layout,
            Idempotency idempotency,
            Clock clock,
            Ids ids,
            MerchantDirectory merchants) {
        this.merchants = merchants;
        this.wallets = wallets;
        this.ledgerStore = ledgerStore;
        this.ledger = ledger;
        this.layout = layout;
        this.idempotency = idempotency;
        this.clock = clock;
        this.ids = ids;
    }

    /** Opens the customer's wallet in {@code currency}, or returns the one they have (one per currency). */
    public Uni<Account> open(String owner, Currency currency, WalletClass walletClass) {
        var today = LocalDate.ofInstant(clock.instant(), ledger.engine().zone());
        var account = Account.open(
                new AccountId("w-" + ids.next()),
                AccountType.CUSTOMER_WALLET,
                owner,
                currency,
                walletClass,
                OutflowUsage.none(today));
        return ledger.ensureAccounts(currency, null)
                .flatMap(x -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> ledgerStore
                        .ensure(List.of(account), clock.instant())
                        .flatMap(y -> wallets.walletOf(owner, currency))
                        .map(Optional::orElseThrow)));
    }

    /** The caller's own wallet; anyone else's answers 404, exactly like a wallet that does not exist. */
    public Uni<Account> owned(String owner, AccountId id) {
        return wallets.owned(owner, id).map(found -> found.orElseThrow(WalletService::notFound));
    }

    public Uni<List<Account>> walletsOf(String owner) {
        return wallets.walletsOf(owner);
    }

    public Uni<List<WalletStore.StatementLine>> statement(WalletStore.StatementQuery query) {
        return wallets.statement(query);
    }

    public static ApplicationException notFound() {
        return ApplicationException.notFound("wallet_not_found", "Wallet not found");
    }

    /**
     * Moves money out of or into the caller's wallet once per Idempotency-Key. {@code answer} renders the move's
     * {@link Result} as the answer to give (and to store and replay).
     *
     * @throws ApplicationException {@code unavailable} {@code merchant_directory_loading} (as the Uni's failure; 503
     *         with {@code Retry-After}) while this instance's merchant directory is still reading its topic: nothing
     *         was claimed or moved, the caller may retry shortly
     */
    public Uni<Idempotency.Answer> move(
            String owner,
            AccountId walletId,
            String key,
            String requestHash,
            Move move,
            Function<Result, Idempotency.Answer> answer) {
        String merchant = move instanceof Move.Pay p ? p.merchantId() : null;
        return payee(merchant)
                .flatMap(refusal -> ledger.ensureAccounts(move.amount().currency(), refusal.isEmpty() ? merchant : null)
                        .flatMap(x -> idempotency.once(
                                owner,
                                key,
                                requestHash,
                                () -> owned(owner, walletId)
                                        .flatMap(wallet -> recipientCheck(move).flatMap(y -> {
                                            if (refusal.isPresent()) {
                                                // a refusal like the ledger's: stored under the key, nothing moves
                                                return Uni.createFrom()
                                                        .item(answer.apply(merchantRefused(refusal.get())));
                                            }
                                            String reference = "api:" + ids.next();
                                            return ledger.execute(command(wallet, move, reference))
                                                    .map(outcome -> answer.apply(result(outcome, walletId)));
                                        })))));
    }

    /**
     * Why the merchant cannot be paid (unknown or suspended in the merchant directory fed by auth-service), or empty;
     * always empty when no merchant is paid. While this instance's directory is still reading its topic (a fresh
     * start; it is not ready then), the lookup fails with {@link MerchantDirectory.NotCaughtUp} rather than giving a
     * wrong "not found", answered as {@code unavailable} (503 with {@code Retry-After}, like payment's risk check).
     */
    private Uni<Optional<MerchantDirectory.Refusal>> payee(String merchantId) {
        if (merchantId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return merchants
                .lookup(merchantId)
                .map(MerchantDirectory::refusal)
                .onFailure(MerchantDirectory.NotCaughtUp.class)
                .transform(e -> directoryLoading());
    }

    /** 503 with the default {@code Retry-After}: nothing was claimed or moved (as payment's risk check answers). */
    private static ApplicationException directoryLoading() {
        return ApplicationException.unavailable(
                "merchant_directory_loading",
                "Merchant directory loading",
                "This instance is still reading the merchant directory; retry shortly",
                null);
    }

    private static Result merchantRefused(MerchantDirectory.Refusal refusal) {
        return switch (refusal) {
            case NOT_FOUND ->
                new Result.Refused(ApplicationException.notFound(refusal.code(), "Merchant not found"), null);
            case INACTIVE ->
                new Result.Refused(
                        ApplicationException.refused(refusal.code(), "Merchant not accepting payments", null), null);
        };
    }

    private Uni<Void> recipientCheck(Move move) {
        if (move instanceof Move.Transfer t) {
            return ledgerStore.find(t.recipient()).map(found -> {
                if (found.filter(Account::isCustomerWallet).isEmpty()) {
                    throw ApplicationException.notFound("recipient_not_found", "Recipient wallet not found");
                }
                return null;
            });
        }
        return Uni.createFrom().voidItem();
    }

    private LedgerCommand command(Account wallet, Move move, String reference) {
        var currency = move.amount().currency();
        return switch (move) {
            case Move.Transfer m ->
                new LedgerCommand.Transfer(EntryKind.TRANSFER, wallet.id(), m.recipient(), m.amount(), reference);
            case Move.Pay m ->
                new LedgerCommand.Transfer(
                        EntryKind.MERCHANT_PAYMENT,
                        wallet.id(),
                        layout.merchantBucket(m.merchantId(), currency, reference),
                        m.amount(),
                        reference);
        };
    }

    private static Result result(Outcome outcome, AccountId walletId) {
        return switch (outcome) {
            case Outcome.Posted p -> {
                var leg = p.entry().postings().stream()
                        .filter(x -> x.account().equals(walletId))
                        .findFirst()
                        .orElseThrow();
                var wallet = p.accounts().stream()
                        .filter(a -> a.id().equals(walletId))
                        .findFirst()
                        .orElseThrow();
                yield new Result.Moved(
                        p.entry().id(),
                        p.entry().kind(),
                        walletId,
                        leg.amount().withMinor(Math.abs(leg.amount().minor())),
                        wallet.balance(),
                        wallet.available(),
                        p.entry().postedAt());
            }
            case Outcome.Refused r -> new Result.Refused(refusal(r.reason(), r.limit()), r.limit());
            case Outcome.Rejected r ->
                new Result.Refused(ApplicationException.refused(r.reason(), "Request cannot succeed", null), null);
            case Outcome.HoldChanged h -> throw new IllegalStateException("a move does not change holds");
        };
    }

    /** The ledger's refusal of a move: an unknown wallet is not found, a frozen one a state conflict, the rest refused. */
    private static ApplicationException refusal(RefusalReason reason, String limit) {
        String code = reason.id();
        String title = title(code);
        String detail = limit == null ? null : "The " + limit + " limit would be exceeded";
        return switch (reason) {
            case WALLET_NOT_FOUND -> ApplicationException.notFound(code, title, detail);
            case WALLET_FROZEN, WALLET_CLOSING -> ApplicationException.stateConflict(code, title, detail);
            default -> ApplicationException.refused(code, title, detail);
        };
    }

    private static String title(String code) {
        return switch (code) {
            case "insufficient_funds" -> "Insufficient funds";
            case "limit_exceeded" -> "Limit exceeded";
            case "wallet_frozen" -> "Wallet frozen";
            case "wallet_closing" -> "Wallet closing";
            case "currency_mismatch" -> "Currency does not match the wallet";
            default -> "Wallet not found";
        };
    }
}
