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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
import io.payguard.platform.web.openapi.ApiSchemas;
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
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WalletApi.OpenWallet.class),
                            examples = @ExampleObject(name = "cny", value = WalletExamples.OPEN)))
    @APIResponse(
            responseCode = "201",
            description = "The new wallet",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletApi.Wallet.class),
                            examples = @ExampleObject(name = "opened", value = WalletExamples.WALLET)))
    @APIResponse(
            responseCode = "400",
            description = "The currency or class is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]"),
                                @ExampleObject(
                                        name = "invalid_wallet_class",
                                        summary = "Invalid wallet class",
                                        description = "walletClass is class_i, class_ii or class_iii")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "The KYC tier does not allow this class",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "kyc_tier_too_low",
                                        summary = "KYC tier too low for this wallet class")
                            }))
    @Operation(
            summary = "Open a wallet",
            description =
                    "Opens the caller's wallet in a currency (one per currency, CNY by default); the KYC tier in the token caps its class.",
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
    @APIResponse(
            responseCode = "200",
            description = "The caller's wallets",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = WalletApi.Wallet.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = 7),
                            examples = @ExampleObject(name = "one", value = WalletExamples.WALLETS)))
    @Operation(
            summary = "List wallets",
            description = "The caller's wallets (one per currency at most).",
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
    @APIResponse(
            responseCode = "200",
            description = "The wallet",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletApi.Wallet.class),
                            examples = @ExampleObject(name = "active", value = WalletExamples.WALLET)))
    @APIResponse(
            responseCode = "404",
            description = "The caller has no wallet with this id",
            content = @Content(examples = {@ExampleObject(name = "wallet_not_found", summary = "Wallet not found")}))
    @Operation(
            summary = "Retrieve a wallet",
            description = "Balance, held and available amounts of one of the caller's wallets.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<WalletApi.Wallet> balance(
            @PathParam("walletId")
                    @Parameter(
                            description = "One of the caller's wallets",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = ApiSchemas.WALLET_ID_PATTERN),
                            example = WalletExamples.WALLET_ID)
                    String walletId,
            RoutingContext ctx) {
        var id = walletId(walletId);
        return Panache.withTransaction(() -> wallets.owned(caller.subject(), id)
                        .call(x -> auditor.record(caller, ctx, "wallet.balance.read", "wallet", id.value(), "success")))
                .map(WalletApi.Wallet::of);
    }

    @GET
    @Path("/{walletId}/statement")
    @APIResponse(
            responseCode = "200",
            description = "A page of statement lines",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletApi.StatementPage.class),
                            examples = @ExampleObject(name = "page", value = WalletExamples.STATEMENT)))
    @APIResponse(
            responseCode = "400",
            description = "A filter, limit or cursor is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_limit",
                                        summary = "Invalid limit",
                                        description = "limit must be between 1 and 200"),
                                @ExampleObject(
                                        name = "invalid_from",
                                        summary = "Invalid from",
                                        description = "from must be an ISO 8601 instant"),
                                @ExampleObject(
                                        name = "invalid_type",
                                        summary = "Invalid type",
                                        description = WalletExamples.ENTRY_KINDS_DETAIL),
                                @ExampleObject(name = "invalid_cursor", summary = "Invalid cursor")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "The caller has no wallet with this id",
            content = @Content(examples = {@ExampleObject(name = "wallet_not_found", summary = "Wallet not found")}))
    @Operation(
            summary = "A wallet's statement",
            description =
                    "Statement lines, newest first, filtered by time and type; keyset pagination: pass nextCursor as cursor.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<WalletApi.StatementPage> statement(
            @PathParam("walletId")
                    @Parameter(
                            description = "One of the caller's wallets",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = ApiSchemas.WALLET_ID_PATTERN),
                            example = WalletExamples.WALLET_ID)
                    String walletId,
            @QueryParam("from")
                    @Parameter(
                            description = "Posted at or after this ISO-8601 instant",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String from,
            @QueryParam("to")
                    @Parameter(
                            description = "Posted before this ISO-8601 instant",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String to,
            @QueryParam("type")
                    @Parameter(
                            description = "Only lines of this kind",
                            schema =
                                    @Schema(
                                            enumeration = {
                                                "top_up",
                                                "transfer",
                                                "merchant_payment",
                                                "withdrawal",
                                                "hold_capture",
                                                "refund",
                                                "reversal",
                                                "payout_return",
                                                "top_up_refund"
                                            }))
                    String type,
            @QueryParam("cursor")
                    @Parameter(
                            description = "nextCursor of the previous page",
                            schema = @Schema(maxLength = 8192, pattern = "^[A-Za-z0-9_-]+$"))
                    String cursor,
            @QueryParam("limit")
                    @DefaultValue("50")
                    @Parameter(
                            description = "Lines per page, 1 to 200",
                            schema = @Schema(minimum = "1", maximum = "200", format = "int32"))
                    int limit,
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
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WalletApi.Transfer.class),
                            examples = @ExampleObject(name = "cny", value = WalletExamples.TRANSFER)))
    @APIResponse(
            responseCode = "201",
            description = "The posted entry and the wallet's new balance",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletExamples.Moved.class),
                            examples = @ExampleObject(name = "moved", value = WalletExamples.MOVED)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid, or no Idempotency-Key",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description =
                                                "'amount.minor' must be a whole number of minor units from 1 to 99999999999"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'amount.currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]"),
                                @ExampleObject(name = "bad_request", summary = "Request body required"),
                                @ExampleObject(
                                        name = "idempotency_key_required",
                                        summary = "Idempotency-Key header required",
                                        description =
                                                "this call moves funds and needs an Idempotency-Key header; an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'"),
                                @ExampleObject(name = "same_wallet", summary = "Cannot transfer to the same wallet")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "The caller has no wallet with this id",
            content = @Content(examples = {@ExampleObject(name = "wallet_not_found", summary = "Wallet not found")}))
    @APIResponse(
            responseCode = "409",
            description = "The wallet is frozen, or being closed by the customer's erasure request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "wallet_frozen", summary = "Wallet frozen"),
                                @ExampleObject(
                                        name = "wallet_closing",
                                        summary = "Wallet closing",
                                        description =
                                                "The customer asked for erasure: no money moves in or out of the wallet until it is closed or the request is aborted.")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The move cannot succeed, or the key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "insufficient_funds", summary = "Insufficient funds"),
                                @ExampleObject(
                                        name = "limit_exceeded",
                                        summary = "Limit exceeded",
                                        description = "The daily_outflow limit would be exceeded"),
                                @ExampleObject(name = "currency_mismatch", summary = "Currency mismatch"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    @Operation(
            summary = "Transfer to another wallet",
            description =
                    "Sends money to another customer's wallet in the same currency; once per Idempotency-Key (required). Answered 201 with the journal entry and the new balance; a replay carries Idempotent-Replayed: true.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<Response> transfer(
            @PathParam("walletId")
                    @Parameter(
                            description = "One of the caller's wallets",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = ApiSchemas.WALLET_ID_PATTERN),
                            example = WalletExamples.WALLET_ID)
                    String walletId,
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
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WalletApi.Payment.class),
                            examples = @ExampleObject(name = "acme", value = WalletExamples.PAYMENT)))
    @APIResponse(
            responseCode = "201",
            description = "The posted entry and the wallet's new balance",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletExamples.Moved.class),
                            examples = @ExampleObject(name = "paid", value = WalletExamples.MOVED)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid, or no Idempotency-Key",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description =
                                                "'amount.minor' must be a whole number of minor units from 1 to 99999999999"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'amount.currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]"),
                                @ExampleObject(name = "bad_request", summary = "Request body required"),
                                @ExampleObject(
                                        name = "idempotency_key_required",
                                        summary = "Idempotency-Key header required",
                                        description =
                                                "this call moves funds and needs an Idempotency-Key header; an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'"),
                                @ExampleObject(name = "invalid_merchant", summary = "Invalid merchant id")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "The caller has no wallet with this id",
            content = @Content(examples = {@ExampleObject(name = "wallet_not_found", summary = "Wallet not found")}))
    @APIResponse(
            responseCode = "409",
            description = "The wallet is frozen, or being closed by the customer's erasure request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "wallet_frozen", summary = "Wallet frozen"),
                                @ExampleObject(
                                        name = "wallet_closing",
                                        summary = "Wallet closing",
                                        description =
                                                "The customer asked for erasure: no money moves in or out of the wallet until it is closed or the request is aborted.")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The move cannot succeed, or the key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "insufficient_funds", summary = "Insufficient funds"),
                                @ExampleObject(
                                        name = "limit_exceeded",
                                        summary = "Limit exceeded",
                                        description = "The daily_outflow limit would be exceeded"),
                                @ExampleObject(name = "currency_mismatch", summary = "Currency mismatch"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    @Operation(
            summary = "Pay a merchant",
            description = "Pays an active merchant from the wallet; once per Idempotency-Key (required).",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "customer")
            })
    public Uni<Response> pay(
            @PathParam("walletId")
                    @Parameter(
                            description = "One of the caller's wallets",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = ApiSchemas.WALLET_ID_PATTERN),
                            example = WalletExamples.WALLET_ID)
                    String walletId,
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
