package io.payguard.wallet.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.platform.web.Caller;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.payguard.wallet.application.LedgerService;
import io.payguard.wallet.domain.LedgerInvariants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Operator and auditor views of the ledger as a whole. */
@Path("/v1/wallet-admin")
@Tag(name = "wallet-admin")
public class WalletAdminResource {

    private final LedgerService ledger;
    private final RequestAuditor auditor;
    private final Caller caller;

    public WalletAdminResource(LedgerService ledger, RequestAuditor auditor, Caller caller) {
        this.ledger = ledger;
        this.auditor = auditor;
        this.caller = caller;
    }

    /**
     * Checks the ledger's invariants over every account: per currency the balances sum to zero, each balance
     * equals the sum of its postings, each reserve equals its active holds, no account overdrawn without
     * overdraft. A full scan: an operator's tool, not a request-path call.
     */
    @GET
    @Path("/invariants")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OPERATOR, Roles.AUDITOR })
    @Operation(summary = "Check the ledger's invariants", extensions = {
            @Extension(name = "x-payguard-audience", value = "private"),
            @Extension(name = "x-payguard-security-level", value = "operator") })
    public Uni<LedgerInvariants.Report> invariants(RoutingContext ctx) {
        return ledger.checkInvariants().call(report -> Panache.withTransaction(() -> auditor.record(caller, ctx,
                "ledger.invariants.check", "ledger", "all", report.ok() ? "success" : "violations")));
    }
}
