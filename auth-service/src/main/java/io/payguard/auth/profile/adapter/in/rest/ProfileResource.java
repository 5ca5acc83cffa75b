package io.payguard.auth.profile.adapter.in.rest;

import static io.payguard.platform.protection.classification.DataClass.C2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import io.payguard.auth.profile.application.ProfileService;
import io.payguard.auth.profile.application.ProfileService.Profile;
import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.protection.quarkus.PersonalDataAccess;
import io.payguard.platform.protection.quarkus.ResumableJobs.JobProgress;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.openapi.ApiSchemas;
import io.smallrye.mutiny.Uni;

/**
 * Customer profiles. Every response masks name, phone and e-mail (the kit's Jackson module does it from
 * {@link Classified}); the only unmasked read is {@code POST /{id}/reveal}, for compliance officers, with a
 * purpose, audited as {@code io.payguard.audit.pii-access.v1}. Phones are searched with a POST body so they
 * never appear in URLs or access logs.
 */
@Path("/v1/profiles")
@Tag(name = "profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Schema(name = "ProfileCreateRequest")
    public record CreateRequest(
            @Schema(required = true, maxLength = ApiSchemas.MAX_BODY, description = ProfileExamples.UNBOUNDED)
            @Classified(level = C2, kind = DataKind.NAME)
            String name,

            @Schema(required = true, maxLength = ApiSchemas.MAX_BODY, description = ProfileExamples.UNBOUNDED)
            @Classified(level = C2, kind = DataKind.PHONE)
            String phone,

            @Schema(required = true, maxLength = ApiSchemas.MAX_BODY, description = ProfileExamples.UNBOUNDED)
            @Classified(level = C2, kind = DataKind.EMAIL)
            String email) {}

    public record SearchRequest(
            @Schema(required = true, maxLength = ApiSchemas.MAX_BODY, description = ProfileExamples.UNBOUNDED)
            @Classified(level = C2, kind = DataKind.PHONE)
            String phone) {}

    public record RevealRequest(
            @Schema(
                    required = true,
                    minLength = 5,
                    maxLength = ApiSchemas.MAX_BODY,
                    description = "Why the data is needed: at least 5 characters (the audit record keeps 512)")
            String purpose) {}

    /** The document's schema of a resumable job's progress ({@code ResumableJobs.JobProgress}, as written). */
    @Schema(name = "JobProgress")
    public record JobProgressView(
            @Schema(maxLength = 128) String job,
            @Schema(enumeration = {"RUNNING", "DONE"}) String status,

            @Schema(maxLength = 200, description = "Where a resumed job goes on")
            String lastKey,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long processed) {}

    /** What every caller sees: masked values, or nothing and status {@code erased} after crypto-shredding. */
    public record ProfileView(
            UUID id,

            @Schema(maxLength = ApiSchemas.MAX_BODY, description = "Masked")
            @Classified(level = C2, kind = DataKind.NAME)
            String name,

            @Schema(maxLength = ApiSchemas.MAX_BODY, description = "Masked")
            @Classified(level = C2, kind = DataKind.PHONE)
            String phone,

            @Schema(maxLength = ApiSchemas.MAX_BODY, description = "Masked")
            @Classified(level = C2, kind = DataKind.EMAIL)
            String email,

            @Schema(minimum = "1", maximum = "2147483647") int keyVersion,
            @Schema(enumeration = {"active", "erased"}) String status) {
        static ProfileView of(Profile p) {
            return new ProfileView(
                    p.id(),
                    p.name().orElse(null),
                    p.phone().orElse(null),
                    p.email().orElse(null),
                    p.keyVersion(),
                    p.erased() ? "erased" : "active");
        }
    }

    /** Unmasked values, only from the audited reveal path; a plain map so no masking applies. */
    public record RevealedView(
            UUID id,

            @Schema(
                    maxProperties = 3,
                    additionalProperties = ProfileExamples.PersonalValue.class,
                    description = "name, phone and email in clear (null once erased)")
            Map<String, String> personalData,

            @Schema(enumeration = {"active", "erased"}) String status) {
        static RevealedView of(Profile p) {
            var values = new LinkedHashMap<String, String>();
            values.put("name", p.name().orElse(null));
            values.put("phone", p.phone().orElse(null));
            values.put("email", p.email().orElse(null));
            return new RevealedView(p.id(), values, p.erased() ? "erased" : "active");
        }
    }

    public record KeyRotationView(
            UUID id,
            @Schema(minimum = "1", maximum = "2147483647") int keyVersion) {}

    private final ProfileService profiles;
    private final Caller caller;

    public ProfileResource(ProfileService profiles, Caller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Create the caller's profile",
            description = "Name, phone and e-mail are stored encrypted (per-profile data key) and returned masked.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateRequest.class),
                            examples = @ExampleObject(name = "li_wei", value = ProfileExamples.CREATE)))
    @APIResponse(
            responseCode = "201",
            description = "The profile, masked",
            content =
                    @Content(
                            schema = @Schema(implementation = ProfileView.class),
                            examples = @ExampleObject(name = "created", value = ProfileExamples.PROFILE)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "profile_incomplete",
                                        summary = "Name, phone and e-mail are required")
                            }))
    public Uni<Response> create(CreateRequest request) {
        if (request == null || blank(request.name()) || blank(request.phone()) || blank(request.email())) {
            throw new ProblemException(400, "profile_incomplete", "Name, phone and e-mail are required", null);
        }
        return profiles.create(caller.subject(), request.name(), request.phone(), request.email())
                .map(p -> Response.status(201).entity(ProfileView.of(p)).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Operation(
            summary = "Retrieve a profile",
            description = "A profile, masked: its owner, operators and compliance officers.")
    @APIResponse(
            responseCode = "200",
            description = "The profile, masked",
            content =
                    @Content(
                            schema = @Schema(implementation = ProfileView.class),
                            examples = @ExampleObject(name = "active", value = ProfileExamples.PROFILE)))
    @APIResponse(
            responseCode = "404",
            description = "No profile the caller may see has this id",
            content = @Content(examples = {@ExampleObject(name = "profile_not_found", summary = "Profile not found")}))
    public Uni<ProfileView> get(
            @PathParam("id")
                    @Parameter(description = "The profile's id", example = "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b")
                    UUID id) {
        return profiles.get(id).map(p -> {
            if (p == null
                    || (!caller.hasRole(Roles.OPERATOR)
                            && !caller.hasRole(Roles.COMPLIANCE_OFFICER)
                            && !p.ownerSubject().equals(caller.subject()))) {
                throw notFound();
            }
            return ProfileView.of(p);
        });
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Operation(
            summary = "Find profiles by phone",
            description =
                    "By exact phone number (blind index), masked; the number goes in the body so it never appears in a URL.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SearchRequest.class),
                            examples = @ExampleObject(name = "phone", value = """
            {"phone": "+8613800138000"}""")))
    @APIResponse(
            responseCode = "200",
            description = "The matching profiles, masked",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = ProfileView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE),
                            examples = @ExampleObject(name = "one", value = ProfileExamples.PROFILES)))
    @APIResponse(
            responseCode = "400",
            description = "No phone number",
            content =
                    @Content(
                            examples = {@ExampleObject(name = "phone_required", summary = "A phone number is required")
                            }))
    public Uni<List<ProfileView>> search(SearchRequest request) {
        if (request == null || blank(request.phone())) {
            throw new ProblemException(400, "phone_required", "A phone number is required", null);
        }
        return profiles.findByPhone(request.phone())
                .map(list -> list.stream().map(ProfileView::of).toList());
    }

    @POST
    @Path("{id}/reveal")
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Operation(
            summary = "Reveal a profile's personal data",
            description =
                    "Unmasked, for a stated purpose (at least 5 characters); audited as io.payguard.audit.pii-access.v1. Compliance officers only.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RevealRequest.class),
                            examples = @ExampleObject(name = "purpose", value = """
            {"purpose": "AML case 2026-117: verify the account holder"}""")))
    @APIResponse(
            responseCode = "200",
            description = "The unmasked personal data",
            content =
                    @Content(
                            schema = @Schema(implementation = RevealedView.class),
                            examples = @ExampleObject(name = "revealed", value = ProfileExamples.REVEALED)))
    @APIResponse(
            responseCode = "403",
            description = "The access is refused",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "personal_data_access_refused",
                                        summary = "Personal data access refused",
                                        description = "a purpose of at least 5 characters is required")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No profile the caller may see has this id",
            content = @Content(examples = {@ExampleObject(name = "profile_not_found", summary = "Profile not found")}))
    public Uni<RevealedView> reveal(
            @PathParam("id")
                    @Parameter(description = "The profile's id", example = "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b")
                    UUID id,
            RevealRequest request) {
        var accessor = new PersonalDataAccess.Accessor(caller.subject(), caller.roles());
        return profiles.reveal(accessor, id, request == null ? null : request.purpose())
                .onFailure(PersonalDataAccess.AccessRefused.class)
                .transform(e -> new ProblemException(
                        403, "personal_data_access_refused", "Personal data access refused", e.getMessage()))
                .map(p -> {
                    if (p == null) {
                        throw notFound();
                    }
                    return RevealedView.of(p);
                });
    }

    @DELETE
    @Path("{id}/personal-data")
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Operation(
            summary = "Erase a profile's personal data",
            description =
                    "Crypto-shredding: the profile's data keys are destroyed, its personal data can never be read again.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(
            responseCode = "404",
            description = "No profile the caller may see has this id",
            content = @Content(examples = {@ExampleObject(name = "profile_not_found", summary = "Profile not found")}))
    public Uni<Response> erase(
            @PathParam("id")
                    @Parameter(description = "The profile's id", example = "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b")
                    UUID id) {
        return profiles.erase(id).map(found -> {
            if (!found) {
                throw notFound();
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("{id}/key-rotation")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Rotate a profile's data key",
            description = "Starts a new data key version for one profile; the re-encryption job moves its rows.")
    @APIResponse(
            responseCode = "200",
            description = "The profile's new key version",
            content =
                    @Content(
                            schema = @Schema(implementation = KeyRotationView.class),
                            examples = @ExampleObject(name = "rotated", value = """
            {"id": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "keyVersion": 2}""")))
    @APIResponse(
            responseCode = "404",
            description = "No profile the caller may see has this id",
            content = @Content(examples = {@ExampleObject(name = "profile_not_found", summary = "Profile not found")}))
    public Uni<KeyRotationView> rotateProfileKey(
            @PathParam("id")
                    @Parameter(description = "The profile's id", example = "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b")
                    UUID id) {
        return profiles.rotateProfileKey(id).map(version -> new KeyRotationView(id, version));
    }

    @POST
    @Path("maintenance/kek-rotation")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Rotate the key-encryption key",
            description =
                    "Re-wraps every data key under the new key-encryption key; resumable: call again until status is DONE.")
    @APIResponse(
            responseCode = "200",
            description = "The job's progress",
            content =
                    @Content(
                            schema = @Schema(implementation = JobProgressView.class),
                            examples = @ExampleObject(name = "running", value = ProfileExamples.JOB)))
    @APIResponse(
            responseCode = "400",
            description = "batchSize or maxBatches out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_batch_size",
                                        summary = "Invalid batch size",
                                        description = "batchSize must be between 1 and 10000")
                            }))
    public Uni<JobProgress> rotateKek(
            @QueryParam("batchSize")
                    @DefaultValue("500")
                    @Parameter(
                            description = "Rows per batch",
                            schema = @Schema(minimum = "1", maximum = "10000", format = "int32"))
                    int batchSize,
            @QueryParam("maxBatches")
                    @DefaultValue("1000")
                    @Parameter(
                            description = "Batches in this call at most; call again to resume",
                            schema = @Schema(minimum = "1", maximum = "2147483647", format = "int32"))
                    int maxBatches) {
        checkBatches(batchSize, maxBatches);
        return profiles.rotateKekAndRewrap(batchSize, maxBatches);
    }

    @POST
    @Path("maintenance/reencryption")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Re-encrypt old rows",
            description =
                    "Re-encrypts rows still under an older data key version; resumable: call again until status is DONE.")
    @APIResponse(
            responseCode = "200",
            description = "The job's progress",
            content =
                    @Content(
                            schema = @Schema(implementation = JobProgressView.class),
                            examples = @ExampleObject(name = "running", value = ProfileExamples.JOB)))
    @APIResponse(
            responseCode = "400",
            description = "batchSize or maxBatches out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_batch_size",
                                        summary = "Invalid batch size",
                                        description = "batchSize must be between 1 and 10000")
                            }))
    public Uni<JobProgress> reencrypt(
            @QueryParam("batchSize")
                    @DefaultValue("500")
                    @Parameter(
                            description = "Rows per batch",
                            schema = @Schema(minimum = "1", maximum = "10000", format = "int32"))
                    int batchSize,
            @QueryParam("maxBatches")
                    @DefaultValue("1000")
                    @Parameter(
                            description = "Batches in this call at most; call again to resume",
                            schema = @Schema(minimum = "1", maximum = "2147483647", format = "int32"))
                    int maxBatches) {
        checkBatches(batchSize, maxBatches);
        return profiles.reencrypt(batchSize, maxBatches);
    }

    /** Batch sizes an operator may ask for: one row at least, and no batch so large that it holds locks for long. */
    static final int MAX_BATCH_SIZE = 10_000;

    private static void checkBatches(int batchSize, int maxBatches) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new ProblemException(
                    400,
                    "invalid_batch_size",
                    "Invalid batch size",
                    "batchSize must be between 1 and " + MAX_BATCH_SIZE);
        }
        if (maxBatches < 1) {
            throw new ProblemException(
                    400, "invalid_batch_size", "Invalid batch size", "maxBatches must be at least 1");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "profile_not_found", "Profile not found", null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
