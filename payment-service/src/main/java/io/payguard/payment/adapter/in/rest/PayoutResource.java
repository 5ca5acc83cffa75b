package io.payguard.payment.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.PayoutService;
import io.payguard.payment.domain.BankAccount;
import io.payguard.payment.domain.Payout;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.platform.web.openapi.ApiSchemas;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A customer's bank accounts and payouts to them from their wallet. The account number and holder's name are sent once,
 * stored encrypted, and shown masked (bank code, last 4). Another customer's account or payout answers 404.
 */
@Path("/v1")
@Tag(name = "payouts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class PayoutResource {

    /** What a customer sends to register an account; {@code toString} masks it (never logged in clear). */
    public record RegisterAccount(
            @Schema(required = true, maxLength = 30, pattern = "^[0-9]{8,30}$", writeOnly = true)
            @JsonProperty("account_number")
            String accountNumber,

            @Schema(required = true, maxLength = 12, pattern = "^[A-Z0-9]{3,12}$") @JsonProperty("bank_code")
            String bankCode,

            @Schema(
                    required = true,
                    minLength = 1,
                    maxLength = 70,
                    writeOnly = true,
                    description = "1 to 70 characters, no control characters")
            @JsonProperty("holder_name")
            String holderName) {
        @Override
        public String toString() {
            return "RegisterAccount[" + bankCode + ", ***]";
        }
    }

    public record AccountView(
            @Schema(maxLength = 35, pattern = "^ba_[0-9a-f]{32}$")
            String id,

            @Schema(enumeration = "bank_account") String object,

            @Schema(maxLength = 12, pattern = "^[A-Z0-9]{3,12}$") @JsonProperty("bank_code")
            String bankCode,

            @Schema(maxLength = 4, pattern = "^[0-9]{4}$") String last4,
            Instant created) {
        static AccountView of(BankAccount a) {
            return new AccountView(a.id(), "bank_account", a.bankCode(), a.last4(), a.createdAt());
        }
    }

    public record CreatePayout(
            @Schema(required = true, maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN) @JsonProperty("wallet_id")
            String walletId,

            @Schema(required = true, maxLength = 35, pattern = "^ba_[0-9a-f]{32}$") @JsonProperty("bank_account")
            String bankAccount,

            @Schema(required = true, minimum = "1", maximum = ApiSchemas.MAX_AMOUNT, description = ApiSchemas.AMOUNT)
            Long amount,

            @Schema(
                    required = true,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayoutView(
            @Schema(maxLength = 35, pattern = "^po_[0-9a-f]{32}$")
            String id,

            @Schema(enumeration = "payout") String object,

            @Schema(maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN) @JsonProperty("wallet_id")
            String walletId,

            @Schema(maxLength = 35, pattern = "^ba_[0-9a-f]{32}$") @JsonProperty("bank_account")
            String bankAccount,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(enumeration = {"requested", "held", "sent", "settling", "paid", "failed", "returned"})
            String status,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN) @JsonProperty("failure_reason")
            String failureReason,

            @Schema(maxLength = 36, format = "uuid") @JsonProperty("debit_entry_id")
            String debitEntryId,

            @Schema(maxLength = 36, format = "uuid") @JsonProperty("return_entry_id")
            String returnEntryId,

            Instant created,
            Instant updated) {
        static PayoutView of(Payout p) {
            return new PayoutView(
                    p.id(),
                    "payout",
                    p.walletId(),
                    p.bankAccountId(),
                    p.amount().minor(),
                    p.amount().currencyCode(),
                    p.status().id(),
                    p.failureReason(),
                    p.debitEntryId(),
                    p.returnEntryId(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    private final PayoutService payouts;
    private final IdempotentCalls calls;
    private final Caller caller;
    private final RequestAuditor auditor;
    private final MoneyInputs money;

    public PayoutResource(
            PayoutService payouts, IdempotentCalls calls, Caller caller, RequestAuditor auditor, MoneyInputs money) {
        this.payouts = payouts;
        this.calls = calls;
        this.caller = caller;
        this.auditor = auditor;
        this.money = money;
    }

    @POST
    @Path("/bank_accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a bank account",
            description =
                    "Registers one of the caller's bank accounts for payouts: the number and holder's name are stored encrypted and shown masked (bank code, last 4).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegisterAccount.class),
                            examples = @ExampleObject(name = "cnaps", value = PaymentExamples.REGISTER_ACCOUNT)))
    @APIResponse(
            responseCode = "201",
            description = "The registered account, masked",
            content =
                    @Content(
                            schema = @Schema(implementation = AccountView.class),
                            examples = @ExampleObject(name = "registered", value = PaymentExamples.ACCOUNT)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or malformed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_bank_account",
                                        summary = "Invalid bank account",
                                        description = "account_number must be 8 to 30 digits"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "a request body is required")
                            }))
    public Uni<Response> register(RegisterAccount request, RoutingContext ctx) {
        RequestChecks.requireBody(request);
        return payouts.register(
                        PayoutService.owner(caller.subject()),
                        request.accountNumber(),
                        request.bankCode(),
                        request.holderName())
                .call(a -> auditor.recordStandalone(
                        caller, ctx, "bank_account.register", "bank_account", a.id(), "success"))
                .map(a -> Response.status(201).entity(AccountView.of(a)).build());
    }

    @GET
    @Path("/bank_accounts")
    @Operation(summary = "List bank accounts", description = "The caller's registered bank accounts, masked.")
    @APIResponse(
            responseCode = "200",
            description = "The caller's accounts",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = AccountView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE),
                            examples = @ExampleObject(name = "one", value = PaymentExamples.ACCOUNTS)))
    public Uni<List<AccountView>> accounts(RoutingContext ctx) {
        return payouts.accounts(PayoutService.owner(caller.subject()))
                .call(x -> auditor.recordStandalone(caller, ctx, "bank_account.list", "bank_account", "*", "success"))
                .map(all -> all.stream().map(AccountView::of).toList());
    }

    @DELETE
    @Path("/bank_accounts/{id}")
    @Operation(
            summary = "Remove a bank account",
            description = "Removes one of the caller's bank accounts: no new payouts go to it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(
            responseCode = "404",
            description = "No bank account of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "bank_account_not_found", summary = "No such bank account")
                            }))
    public Uni<Response> remove(
            @PathParam("id")
                    @Parameter(
                            description = "The bank account's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 35, pattern = "^ba_[0-9a-f]{32}$"),
                            example = "ba_5e884898da28047151d0e56f8dc62927")
                    String id,
            RoutingContext ctx) {
        return payouts.remove(PayoutService.owner(caller.subject()), id)
                .call(x -> auditor.recordStandalone(caller, ctx, "bank_account.remove", "bank_account", id, "success"))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/payouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a payout",
            description =
                    "Pays out from the caller's wallet to their own registered bank account: the amount is held, sent to the bank, and debited once paid (status).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreatePayout.class),
                            examples = @ExampleObject(name = "cny", value = PaymentExamples.CREATE_PAYOUT)))
    @APIResponse(
            responseCode = "201",
            description = "The new payout",
            content =
                    @Content(
                            schema = @Schema(implementation = PayoutView.class),
                            examples = @ExampleObject(name = "requested", value = PaymentExamples.PAYOUT)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_wallet_id",
                                        summary = "Invalid wallet id",
                                        description = "wallet_id is the id of one of your wallets (w-…)"),
                                @ExampleObject(
                                        name = "invalid_bank_account",
                                        summary = "Invalid bank account",
                                        description =
                                                "bank_account is the id of one of your registered bank accounts (ba_…), never an account number"),
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description =
                                                "'amount' must be a whole number of minor units from 1 to 99999999999"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No bank account of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "bank_account_not_found", summary = "No such bank account")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The same Idempotency-Key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_in_use",
                                        summary = "Idempotency-Key in use",
                                        description =
                                                "a request with this Idempotency-Key is still being processed; retry later")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> create(@HeaderParam(Idempotency.HEADER) String key, CreatePayout request, RoutingContext ctx) {
        RequestChecks.requireBody(request);
        String walletId = RequestChecks.walletId(request.walletId());
        String bankAccount = bankAccount(request.bankAccount());
        var amount = money.money(request.amount(), request.currency(), "amount", "currency");
        String customer = caller.subject();
        var post = IdempotentPost.of("payout", "create", request, PayoutView::of, Payout::id)
                .created()
                .settledInTransaction();
        return calls.run(ctx, key, post, tx -> payouts.create(customer, walletId, bankAccount, amount, tx));
    }

    @GET
    @Path("/payouts/{id}")
    @Operation(summary = "Retrieve a payout", description = "One of the caller's payouts.")
    @APIResponse(
            responseCode = "200",
            description = "The payout",
            content =
                    @Content(
                            schema = @Schema(implementation = PayoutView.class),
                            examples = @ExampleObject(name = "requested", value = PaymentExamples.PAYOUT)))
    @APIResponse(
            responseCode = "404",
            description = "No payout of the caller has this id",
            content = @Content(examples = {@ExampleObject(name = "payout_not_found", summary = "No such payout")}))
    public Uni<PayoutView> retrieve(
            @PathParam("id")
                    @Parameter(
                            description = "The payout's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 35, pattern = "^po_[0-9a-f]{32}$"),
                            example = "po_6b86b273ff34fce19d6b804eff5a3f57")
                    String id,
            RoutingContext ctx) {
        return payouts.get(caller.subject(), id)
                .call(p -> auditor.recordStandalone(caller, ctx, "payout.read", "payout", id, "success"))
                .map(PayoutView::of);
    }

    /** Payouts go to a registered account only, named by its id: an account number here is refused. */
    private static String bankAccount(String id) {
        if (id == null || !id.matches("ba_[0-9a-f]{32}")) {
            throw new ProblemException(
                    400,
                    "invalid_bank_account",
                    "Invalid bank account",
                    "bank_account is the id of one of your registered bank accounts (ba_…), never an account number");
        }
        return id;
    }
}
