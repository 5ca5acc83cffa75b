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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
            @Schema(enumeration = {"full", "range", "incremental"})
            String mode,

            boolean intact,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long fromSeq,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long toSeq,

            @Schema(maxLength = 64, pattern = "^[0-9a-f]{64}$")
            String toHash,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long recordsChecked,

            @Schema(minimum = "0", maximum = "2147483647") int checkpointsChecked,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long recordsPerSecond,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long tookMillis,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = AuditDocs.Finding.class,
                    maxItems = Integer.MAX_VALUE,
                    description = "One per broken record (unbounded: a tampered chain is reported whole)")
            List<Finding> findings,

            @Schema(type = SchemaType.ARRAY, implementation = AuditDocs.Finding.class, maxItems = Integer.MAX_VALUE)
            List<Finding> checkpointFindings) {}

    public record KeyView(
            @Schema(maxLength = 128) String keyId,
            @Schema(enumeration = "Ed25519") String algorithm,

            @Schema(maxLength = 4096, format = "byte", description = "X.509 SubjectPublicKeyInfo, Base64")
            String publicKey) {}

    /** {@code payload} is the exact text that was signed (UTF-8), so anyone can check the signature offline. */
    public record CheckpointView(
            @Schema(minimum = "1", maximum = "9223372036854775807")
            long seq,

            @Schema(maxLength = 64, pattern = "^[0-9a-f]{64}$")
            String headHash,

            Instant createdAt,
            @Schema(maxLength = 128) String keyId,
            @Schema(enumeration = "Ed25519") String algorithm,

            @Schema(maxLength = 4096, format = "byte", description = "Base64")
            String signature,

            @Schema(maxLength = 1024, description = "The exact text that was signed (UTF-8)")
            String payload) {}

    public record CheckpointExportView(
            @Schema(maxItems = Integer.MAX_VALUE, description = "Every signing key the checkpoints name")
            List<KeyView> keys,

            @Schema(maxItems = 10000, description = "Up to limit checkpoints")
            List<CheckpointView> checkpoints) {}

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
    @APIResponse(
            responseCode = "200",
            description = "The verification's result",
            content =
                    @Content(
                            schema = @Schema(implementation = VerificationView.class),
                            examples = @ExampleObject(name = "intact", value = AuditDocs.VERIFICATION)))
    @APIResponse(
            responseCode = "400",
            description = "mode or the range is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_mode",
                                        summary = "Invalid mode",
                                        description = "mode is full, range or incremental"),
                                @ExampleObject(
                                        name = "invalid_range",
                                        summary = "Invalid range",
                                        description = "1 <= from <= to")
                            }))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not Found")}))
    @Operation(
            summary = "Verify the hash chain",
            description =
                    "Full, a range of positions, or incrementally from the last verified checkpoint; findings name"
                            + " each edited, deleted, inserted or reordered record and each bad checkpoint.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public VerificationView verify(
            @QueryParam("mode")
                    @DefaultValue("incremental")
                    @Parameter(schema = @Schema(enumeration = {"full", "range", "incremental"}))
                    String mode,
            @QueryParam("from")
                    @DefaultValue("1")
                    @Parameter(
                            description = "range: the first position",
                            schema = @Schema(minimum = "1", maximum = "9223372036854775807", format = "int64"))
                    long from,
            @QueryParam("to")
                    @DefaultValue("9223372036854775807")
                    @Parameter(
                            description = "range: the last position",
                            schema = @Schema(minimum = "1", maximum = "9223372036854775807", format = "int64"))
                    long to) {
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
    @APIResponse(
            responseCode = "200",
            description = "The retention status",
            content =
                    @Content(
                            schema = @Schema(implementation = AuditDocs.Retention.class),
                            examples = @ExampleObject(name = "status", value = AuditDocs.RETENTION)))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not Found")}))
    @Operation(
            summary = "Retention status",
            description =
                    "Retention settings and the chain positions past the hot period (to archive) and past retention.",
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
    @APIResponse(
            responseCode = "200",
            description = "Checkpoints and keys",
            content =
                    @Content(
                            schema = @Schema(implementation = CheckpointExportView.class),
                            examples = @ExampleObject(name = "one", value = AuditDocs.CHECKPOINTS)))
    @APIResponse(
            responseCode = "400",
            description = "limit is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_limit",
                                        summary = "Invalid limit",
                                        description = "limit must be between 1 and 10000")
                            }))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not Found")}))
    @Operation(
            summary = "Export signed checkpoints",
            description = "The signed checkpoints after a position and the public keys that check them, to keep outside"
                    + " the system.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public CheckpointExportView checkpoints(
            @QueryParam("after")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Checkpoints after this position",
                            schema =
                                    @Schema(
                                            minimum = "-9223372036854775808",
                                            maximum = "9223372036854775807",
                                            format = "int64"))
                    long after,
            @QueryParam("limit")
                    @DefaultValue("1000")
                    @Parameter(
                            description = "Checkpoints at most, 1 to 10000",
                            schema = @Schema(minimum = "1", maximum = "10000", format = "int32"))
                    int limit) {
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
