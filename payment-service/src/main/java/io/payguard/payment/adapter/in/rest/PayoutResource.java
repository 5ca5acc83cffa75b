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
            @JsonProperty("account_number") String accountNumber,
            @JsonProperty("bank_code") String bankCode,
            @JsonProperty("holder_name") String holderName) {
        @Override
        public String toString() {
            return "RegisterAccount[" + bankCode + ", ***]";
        }
    }

    public record AccountView(
            String id,
            String object,
            @JsonProperty("bank_code") String bankCode,
            String last4,
            Instant created) {
        static AccountView of(BankAccount a) {
            return new AccountView(a.id(), "bank_account", a.bankCode(), a.last4(), a.createdAt());
        }
    }

    public record CreatePayout(
            @JsonProperty("wallet_id") String walletId,
            @JsonProperty("bank_account") String bankAccount,
            Long amount,
            String currency) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayoutView(
            String id,
            String object,
            @JsonProperty("wallet_id") String walletId,
            @JsonProperty("bank_account") String bankAccount,
            long amount,
            String currency,
            String status,
            @JsonProperty("failure_reason") String failureReason,
            @JsonProperty("debit_entry_id") String debitEntryId,
            @JsonProperty("return_entry_id") String returnEntryId,
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
    @Operation(summary = "Register one of the caller's bank accounts for payouts (stored encrypted, shown masked)")
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
    @Operation(summary = "The caller's bank accounts (masked)")
    public Uni<List<AccountView>> accounts(RoutingContext ctx) {
        return payouts.accounts(PayoutService.owner(caller.subject()))
                .call(x -> auditor.recordStandalone(caller, ctx, "bank_account.list", "bank_account", "*", "success"))
                .map(all -> all.stream().map(AccountView::of).toList());
    }

    @DELETE
    @Path("/bank_accounts/{id}")
    @Operation(summary = "Remove one of the caller's bank accounts (no new payouts to it)")
    public Uni<Response> remove(@PathParam("id") String id, RoutingContext ctx) {
        return payouts.remove(PayoutService.owner(caller.subject()), id)
                .call(x -> auditor.recordStandalone(caller, ctx, "bank_account.remove", "bank_account", id, "success"))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/payouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Pay out from the caller's wallet to their own bank account: held, sent to the bank, debited once paid")
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
    @Operation(summary = "One of the caller's payouts")
    public Uni<PayoutView> retrieve(@PathParam("id") String id, RoutingContext ctx) {
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
