package io.payguard.audit.adapter.in.rest;

import static io.payguard.platform.web.Roles.AUDITOR;
import static io.payguard.platform.web.Roles.COMPLIANCE_OFFICER;
import static io.payguard.platform.web.Roles.CUSTOMER;
import static io.payguard.platform.web.Roles.MERCHANT;
import static io.payguard.platform.web.Roles.OPERATOR;
import static io.payguard.platform.web.Roles.SERVICE;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.audit.application.ChainService;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.Finding;
import io.payguard.platform.web.ProblemException;

/** Chain verification and the export of signed checkpoints, for auditors and compliance officers. */
@Path("/v1/audit/chain")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AUDITOR, COMPLIANCE_OFFICER, CUSTOMER, MERCHANT, OPERATOR, SERVICE})
public class ChainResource {

    public record VerificationView(
            String mode,
            boolean intact,
            long fromSeq,
            long toSeq,
            String toHash,
            long recordsChecked,
            int checkpointsChecked,
            long recordsPerSecond,
            long tookMillis,
            List<Finding> findings,
            List<Finding> checkpointFindings) {}

    public record KeyView(String keyId, String algorithm, String publicKey) {}

    /** {@code payload} is the exact text that was signed (UTF-8), so anyone can check the signature offline. */
    public record CheckpointView(
            long seq,
            String headHash,
            Instant createdAt,
            String keyId,
            String algorithm,
            String signature,
            String payload) {}

    public record CheckpointExportView(List<KeyView> keys, List<CheckpointView> checkpoints) {}

    private final ChainService chain;
    private final AuditorGate gate;
    private final AuditConfig config;

    public ChainResource(ChainService chain, AuditorGate gate, AuditConfig config) {
        this.chain = chain;
        this.config = config;
        this.gate = gate;
    }

    @POST
    @Path("/verifications")
    @Operation(
            summary =
                    "Verify the hash chain: full, a range of positions, or incrementally from the last verified checkpoint",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public VerificationView verify(
            @QueryParam("mode") @DefaultValue("incremental") String mode,
            @QueryParam("from") @DefaultValue("1") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to) {
        gate.require();
        var request = switch (mode) {
            case "full" -> ChainVerification.Request.full();
            case "incremental" -> ChainVerification.Request.incremental();
            case "range" -> {
                if (from < 1 || to < from) {
                    throw new ProblemException(400, "invalid_range", "Invalid range", "1 <= from <= to");
                }
                yield new ChainVerification.Request(ChainVerification.Mode.RANGE, from, to);
            }
            default ->
                throw new ProblemException(400, "invalid_mode", "Invalid mode", "mode is full, range or incremental");
        };
        var o = chain.verify(request);
        var r = o.report();
        return new VerificationView(
                o.mode().name().toLowerCase(java.util.Locale.ROOT),
                r.intact(),
                r.anchor().seq(),
                r.last().seq(),
                ChainHash.hex(r.last().hash()),
                r.recordsChecked(),
                r.checkpointsChecked(),
                o.recordsPerSecond(),
                o.took().toMillis(),
                r.findings(),
                r.checkpointFindings());
    }

    @GET
    @Path("/retention")
    @Operation(
            summary = "Retention settings and the chain positions past the hot period (to archive) and past retention",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public ChainService.RetentionStatus retention() {
        gate.require();
        return chain.retention(config.retention());
    }

    @GET
    @Path("/checkpoints")
    @Operation(
            summary = "Export signed checkpoints and the public keys that check them, to keep outside the system",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public CheckpointExportView checkpoints(
            @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("1000") int limit) {
        gate.require();
        var export = chain.export(after, AuditQuery.limit(limit, 10_000));
        var b64 = Base64.getEncoder();
        return new CheckpointExportView(
                export.keys().stream()
                        .map(k -> new KeyView(k.keyId(), k.algorithm(), b64.encodeToString(k.publicKey())))
                        .toList(),
                export.checkpoints().stream()
                        .map(c -> new CheckpointView(
                                c.seq(),
                                ChainHash.hex(c.headHash()),
                                c.createdAt(),
                                c.keyId(),
                                c.algorithm(),
                                b64.encodeToString(c.signature()),
                                new String(c.payload(), java.nio.charset.StandardCharsets.UTF_8)))
                        .toList());
    }
}
