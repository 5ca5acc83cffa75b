package io.payguard.wallet.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.OutflowUsage;
import io.payguard.wallet.domain.WalletClass;
import io.smallrye.mutiny.Uni;

/**
 * The customer's wallet operations. Funds move through {@link LedgerService} inside an {@link Idempotency}
 * transaction; refusals are stored answers (RFC 9457 bodies) like successes, so a retry replays them.
 */
@ApplicationScoped
public class WalletService {

    /** A funds movement a customer asked for, resolved against their own wallet. */
    public sealed interface Move {
        Money amount();

        record Transfer(Money amount, AccountId recipient) implements Move {
        }

        record Pay(Money amount, String merchantId) implements Move {
        }
    }

    private final WalletStore wallets;
    private final LedgerStore ledgerStore;
    private final LedgerService ledger;
    private final AccountLayout layout;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Ids ids;
    private final MerchantDirectory merchants;

    public WalletService(WalletStore wallets, LedgerStore ledgerStore, LedgerService ledger, AccountLayout layout, Idempotency idempotency,
            ObjectMapper mapper, Clock clock, Ids ids, MerchantDirectory merchants) {
        this.merchants = merchants;
        this.wallets = wallets;
        this.ledgerStore = ledgerStore;
        this.ledger = ledger;
        this.layout = layout;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
    }

    /** Opens the customer's wallet in {@code currency}, or returns the one they have (one per currency). */
    public Uni<Account> open(String owner, Currency currency, WalletClass walletClass) {
        var today = LocalDate.ofInstant(clock.instant(), ledger.engine().zone());
        var account = Account.open(new AccountId("w-" + ids.next()), AccountType.CUSTOMER_WALLET, owner, currency, walletClass, OutflowUsage.none(today));
        return ledger.ensureAccounts(currency, null)
                .flatMap(x -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> ledgerStore.ensure(List.of(account), clock.instant())
                        .flatMap(y -> wallets.walletOf(owner, currency)).map(Optional::orElseThrow)));
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

    public static ProblemException notFound() {
        return new ProblemException(404, "wallet_not_found", "Wallet not found", null);
    }

    /**
     * Moves money out of or into the caller's wallet once per Idempotency-Key. Returns the HTTP status and
     * JSON body to answer (and to replay).
     */
    public Uni<Idempotency.Answer> move(String owner, AccountId walletId, String key, String requestHash, Move move, String correlationId) {
        String merchant = move instanceof Move.Pay p ? p.merchantId() : null;
        return payee(merchant).flatMap(refusal -> ledger.ensureAccounts(move.amount().currency(), refusal.isEmpty() ? merchant : null)
                .flatMap(x -> idempotency.once(owner, key, requestHash, () -> owned(owner, walletId)
                        .flatMap(wallet -> recipientCheck(move).flatMap(y -> {
                            if (refusal.isPresent()) {
                                // a refusal like the ledger's: stored under the key, nothing moves
                                return Uni.createFrom().item(merchantRefused(refusal.get(), correlationId));
                            }
                            String reference = "api:" + ids.next();
                            return ledger.execute(command(wallet, move, reference)).map(outcome -> answer(outcome, walletId, correlationId));
                        })))));
    }

    /**
     * Why the merchant cannot be paid (unknown or suspended in the merchant directory fed by auth-service), or empty;
     * always empty when no merchant is paid. While this instance's directory is still reading its topic (a fresh
     * start; it is not ready then), the call is answered 503 rather than with a wrong "not found".
     */
    private Uni<Optional<MerchantDirectory.Refusal>> payee(String merchantId) {
        if (merchantId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return merchants.lookup(merchantId).map(MerchantDirectory::refusal)
                .onFailure(MerchantDirectory.NotCaughtUp.class).transform(e -> new ProblemException(503, "merchant_directory_loading",
                        "Merchant directory loading", "This instance is still reading the merchant directory; retry shortly"));
    }

    private Idempotency.Answer merchantRefused(MerchantDirectory.Refusal refusal, String correlationId) {
        return switch (refusal) {
            case NOT_FOUND -> problem(404, refusal.code(), "Merchant not found", null, correlationId);
            case INACTIVE -> problem(422, refusal.code(), "Merchant not accepting payments", null, correlationId);
        };
    }

    private Uni<Void> recipientCheck(Move move) {
        if (move instanceof Move.Transfer t) {
            return ledgerStore.find(t.recipient()).map(found -> {
                if (found.filter(Account::isCustomerWallet).isEmpty()) {
                    throw new ProblemException(404, "recipient_not_found", "Recipient wallet not found", null);
                }
                return null;
            });
        }
        return Uni.createFrom().voidItem();
    }

    private LedgerCommand command(Account wallet, Move move, String reference) {
        var currency = move.amount().currency();
        return switch (move) {
            case Move.Transfer m -> new LedgerCommand.Transfer(EntryKind.TRANSFER, wallet.id(), m.recipient(), m.amount(), reference);
            case Move.Pay m -> new LedgerCommand.Transfer(EntryKind.MERCHANT_PAYMENT, wallet.id(),
                    layout.merchantBucket(m.merchantId(), currency, reference), m.amount(), reference);
        };
    }

    private Idempotency.Answer answer(Outcome outcome, AccountId walletId, String correlationId) {
        return switch (outcome) {
            case Outcome.Posted p -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("entryId", p.entry().id().toString());
                body.put("kind", p.entry().kind().id());
                body.put("walletId", walletId.value());
                var leg = p.entry().postings().stream().filter(x -> x.account().equals(walletId)).findFirst().orElseThrow();
                money(body.putObject("amount"), Math.abs(leg.amount().minor()), leg.amount().currencyCode());
                var wallet = p.accounts().stream().filter(a -> a.id().equals(walletId)).findFirst().orElseThrow();
                money(body.putObject("balance"), wallet.balance(), leg.amount().currencyCode());
                money(body.putObject("available"), wallet.available(), leg.amount().currencyCode());
                body.put("postedAt", p.entry().postedAt().toString());
                yield new Idempotency.Answer(201, body.toString(), false);
            }
            case Outcome.Refused r -> problem(switch (r.reason()) {
                case WALLET_NOT_FOUND -> 404;
                case WALLET_FROZEN -> 409;
                default -> 422;
            }, r.reason().id(), title(r.reason().id()), r.limit(), correlationId);
            case Outcome.Rejected r -> problem(422, r.reason(), "Request cannot succeed", null, correlationId);
            case Outcome.HoldChanged h -> throw new IllegalStateException("a move does not change holds");
        };
    }

    private Idempotency.Answer problem(int status, String code, String title, String limit, String correlationId) {
        String detail = limit == null ? null : "The " + limit + " limit would be exceeded";
        var body = mapper.valueToTree(Problem.of(status, code, title, detail, correlationId));
        if (limit != null) {
            ((ObjectNode) body).put("limit", limit);
        }
        return new Idempotency.Answer(status, body.toString(), false);
    }

    private static String title(String code) {
        return switch (code) {
            case "insufficient_funds" -> "Insufficient funds";
            case "limit_exceeded" -> "Limit exceeded";
            case "wallet_frozen" -> "Wallet frozen";
            case "currency_mismatch" -> "Currency does not match the wallet";
            default -> "Wallet not found";
        };
    }

    static void money(ObjectNode node, long minor, String currency) {
        node.put("minor", minor);
        node.put("currency", currency);
    }
}
