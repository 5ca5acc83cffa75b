package io.payguard.wallet.adapter.in.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.IdempotencyKeys;
import io.payguard.kernel.Money;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.ProblemMappers;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.wallet.application.AccountLayout;
import io.payguard.wallet.application.Idempotency;
import io.payguard.wallet.application.WalletService;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.WalletClass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A customer's own wallets. The customer is the token's {@code sub}; a wallet id that is not theirs answers
 * 404 like one that does not exist. Funds-moving calls need an {@code Idempotency-Key}. Every call leaves an
 * audit record (balances and statements are C2 data).
 */
@Path("/v1/wallets")
@Tag(name = "wallets")
@RolesAllowed(Roles.CUSTOMER)
@Produces(MediaType.APPLICATION_JSON)
public class WalletResource {

    /** Keycloak claim carrying the customer's KYC tier (1, 2 or 3); it caps the class a wallet may get. */
    static final String KYC_CLAIM = "kyc_tier";

    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;

    private final WalletService wallets;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final RequestAuditor auditor;
    private final ObjectMapper mapper;
    private final MoneyInputs money;

    public WalletResource(
            WalletService wallets,
            Caller caller,
            SecurityIdentity identity,
            RequestAuditor auditor,
            ObjectMapper mapper,
            MoneyInputs money) {
        this.money = money;
        this.wallets = wallets;
        this.caller = caller;
        this.identity = identity;
        this.auditor = auditor;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Open the caller's wallet in a currency (one per currency; the KYC tier sets its class)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<Response> open(WalletApi.OpenWallet request, RoutingContext ctx) {
        var currency =
                money.currency(request == null || request.currency() == null ? "CNY" : request.currency(), "currency");
        var walletClass = walletClass(request == null ? null : request.walletClass());
        return wallets.open(caller.subject(), currency, walletClass)
                .call(w -> audit(ctx, "wallet.open", w.id().value()))
                .map(w -> Response.status(201).entity(WalletApi.Wallet.of(w)).build());
    }

    @GET
    @Operation(
            summary = "The caller's wallets",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<List<WalletApi.Wallet>> list(RoutingContext ctx) {
        return Panache.withTransaction(() -> wallets.walletsOf(caller.subject())
                        .call(x -> auditor.record(caller, ctx, "wallet.list", "wallet", "*", "success")))
                .map(all -> all.stream().map(WalletApi.Wallet::of).toList());
    }

    @GET
    @Path("/{walletId}")
    @Operation(
            summary = "Balance of one of the caller's wallets",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<WalletApi.Wallet> balance(@PathParam("walletId") String walletId, RoutingContext ctx) {
        var id = walletId(walletId);
        return Panache.withTransaction(() -> wallets.owned(caller.subject(), id)
                        .call(x -> auditor.record(caller, ctx, "wallet.balance.read", "wallet", id.value(), "success")))
                .map(WalletApi.Wallet::of);
    }

    @GET
    @Path("/{walletId}/statement")
    @Operation(
            summary = "Statement lines, newest first, keyset-paginated (cursor), filtered by time and type",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<WalletApi.StatementPage> statement(
            @PathParam("walletId") String walletId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("type") String type,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit,
            RoutingContext ctx) {
        var id = walletId(walletId);
        if (limit < 1 || limit > 200) {
            throw new ProblemException(400, "invalid_limit", "Invalid limit", "limit must be between 1 and 200");
        }
        Instant fromTime = instant(from, Instant.EPOCH, "from");
        Instant toTime = instant(to, Instant.parse("9999-01-01T00:00:00Z"), "to");
        EntryKind kind = kind(type);
        Instant beforeTime = toTime;
        long beforeSeq = Long.MIN_VALUE;
        if (cursor != null) {
            var parts = decodeCursor(cursor);
            beforeTime = Instant.ofEpochSecond(0, 0).plusNanos(parts[0] * 1000);
            beforeSeq = parts[1];
            if (beforeTime.isAfter(toTime)) {
                beforeTime = toTime;
                beforeSeq = Long.MIN_VALUE;
            }
        }
        var query = new WalletStore.StatementQuery(id, fromTime, toTime, kind, beforeTime, beforeSeq, limit);
        return Panache.withTransaction(() -> wallets.owned(caller.subject(), id)
                        .flatMap(w -> wallets.statement(query))
                        .call(x ->
                                auditor.record(caller, ctx, "wallet.statement.read", "wallet", id.value(), "success")))
                .map(lines -> {
                    var items = lines.stream()
                            .map(l -> new WalletApi.StatementItem(
                                    l.entryId().toString(),
                                    l.kind().id(),
                                    l.amount() > 0 ? "credit" : "debit",
                                    new WalletApi.Amount(Math.abs(l.amount()), l.currency()),
                                    l.postedAt(),
                                    l.reference()))
                            .toList();
                    String next = lines.size() < limit ? null : encodeCursor(lines.get(lines.size() - 1));
                    return new WalletApi.StatementPage(items, next);
                });
    }

    @POST
    @Path("/{walletId}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Send money to another customer's wallet",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<Response> transfer(
            @PathParam("walletId") String walletId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            WalletApi.Transfer request,
            RoutingContext ctx) {
        return move(ctx, walletId, key, "transfer", request, r -> {
            var to = walletId(r.toWalletId());
            if (to.value().equals(walletId)) {
                throw new ProblemException(400, "same_wallet", "Cannot transfer to the same wallet", null);
            }
            return new WalletService.Move.Transfer(money(r.amount()), to);
        });
    }

    @POST
    @Path("/{walletId}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Pay a merchant from the wallet",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<Response> pay(
            @PathParam("walletId") String walletId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            WalletApi.Payment request,
            RoutingContext ctx) {
        return move(ctx, walletId, key, "payment", request, r -> {
            if (!AccountLayout.isValidMerchantId(r.merchantId())) {
                throw new ProblemException(400, "invalid_merchant", "Invalid merchant id", null);
            }
            return new WalletService.Move.Pay(money(r.amount()), r.merchantId());
        });
    }

    /**
     * A funds-moving call: the body is required and read into a {@link WalletService.Move} by {@code read} (which
     * throws the problem for a bad one), then moved once per Idempotency-Key and audited unless replayed.
     */
    private <T> Uni<Response> move(
            RoutingContext ctx,
            String walletId,
            String key,
            String operation,
            T request,
            Function<T, WalletService.Move> read) {
        requireBody(request);
        var move = read.apply(request);
        var id = walletId(walletId);
        IdempotencyKeys.requirePresentKey(key);
        String hash = IdempotencyKeys.hash(operation + " " + id.value(), canonical(request));
        String correlationId = CorrelationId.of(ctx);
        return wallets.move(caller.subject(), id, key, hash, move, result -> answer(result, correlationId))
                .call(answer -> answer.replayed()
                        ? Uni.createFrom().voidItem()
                        : audit(ctx, "wallet." + operation, id.value(), answer.status() < 300 ? "success" : "refused"))
                .map(AnswerResponse::of);
    }

    /** The answer to a move, stored under its Idempotency-Key: 201 with the entry, or the refusal's problem. */
    private Idempotency.Answer answer(WalletService.Result result, String correlationId) {
        return switch (result) {
            case WalletService.Result.Moved m -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("entryId", m.entryId().toString());
                body.put("kind", m.kind().id());
                body.put("walletId", m.walletId().value());
                String currency = m.amount().currencyCode();
                money(body.putObject("amount"), m.amount().minor(), currency);
                money(body.putObject("balance"), m.balance(), currency);
                money(body.putObject("available"), m.available(), currency);
                body.put("postedAt", m.postedAt().toString());
                yield new Idempotency.Answer(201, body.toString(), false);
            }
            case WalletService.Result.Refused r -> {
                int status = ProblemMappers.statusOf(r.refusal());
                ObjectNode body = mapper.valueToTree(ProblemMappers.problemOf(r.refusal(), correlationId));
                if (r.limit() != null) {
                    body.put("limit", r.limit());
                }
                yield new Idempotency.Answer(status, body.toString(), false);
            }
        };
    }

    private static void money(ObjectNode node, long minor, String currency) {
        node.put("minor", minor);
        node.put("currency", currency);
    }

    private Uni<String> audit(RoutingContext ctx, String action, String walletId) {
        return audit(ctx, action, walletId, "success");
    }

    private Uni<String> audit(RoutingContext ctx, String action, String walletId, String outcome) {
        return auditor.recordStandalone(caller, ctx, action, "wallet", walletId, outcome);
    }

    private WalletClass walletClass(String requested) {
        WalletClass allowed = WalletClass.CLASS_I;
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(KYC_CLAIM) != null) {
            allowed = WalletClass.fromKyc(String.valueOf((Object) jwt.getClaim(KYC_CLAIM)));
        }
        if (requested == null) {
            return allowed;
        }
        WalletClass asked;
        try {
            asked = WalletClass.fromKyc(requested);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    400,
                    "invalid_wallet_class",
                    "Invalid wallet class",
                    "walletClass is class_i, class_ii or class_iii");
        }
        if (asked.compareTo(allowed) > 0) {
            throw new ProblemException(403, "kyc_tier_too_low", "KYC tier too low for this wallet class", null);
        }
        return asked;
    }

    private String canonical(Object request) {
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Money money(WalletApi.Amount amount) {
        if (amount == null) {
            throw new ProblemException(400, "invalid_amount", "Invalid amount", "'amount' is required");
        }
        return money.money(amount.minor(), amount.currency(), "amount.minor", "amount.currency");
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw new ProblemException(400, "bad_request", "Request body required", null);
        }
    }

    static AccountId walletId(String value) {
        if (value == null || !value.matches("w-[0-9a-f-]{36}")) {
            throw WalletService.notFound();
        }
        return new AccountId(value);
    }

    static Instant instant(String value, Instant fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + " must be an ISO 8601 instant");
        }
    }

    static EntryKind kind(String type) {
        if (type == null) {
            return null;
        }
        try {
            return EntryKind.fromId(type);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    400,
                    "invalid_type",
                    "Invalid type",
                    "type is one of top_up, transfer, merchant_payment, withdrawal, hold_capture, refund, reversal, payout_return, top_up_refund");
        }
    }

    private static String encodeCursor(WalletStore.StatementLine last) {
        long micros = Math.multiplyExact(last.postedAt().getEpochSecond(), 1_000_000L)
                + last.postedAt().getNano() / 1000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + last.seq()).getBytes(StandardCharsets.UTF_8));
    }

    static long[] decodeCursor(String cursor) {
        try {
            var parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            throw new ProblemException(400, "invalid_cursor", "Invalid cursor", null);
        }
    }
}
