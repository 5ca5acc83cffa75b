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

    public record CreateRequest(
            @Classified(level = C2, kind = DataKind.NAME) String name,
            @Classified(level = C2, kind = DataKind.PHONE) String phone,
            @Classified(level = C2, kind = DataKind.EMAIL) String email) {}

    public record SearchRequest(
            @Classified(level = C2, kind = DataKind.PHONE) String phone) {}

    public record RevealRequest(String purpose) {}

    /** What every caller sees: masked values, or nothing and status {@code erased} after crypto-shredding. */
    public record ProfileView(
            UUID id,
            @Classified(level = C2, kind = DataKind.NAME) String name,
            @Classified(level = C2, kind = DataKind.PHONE) String phone,
            @Classified(level = C2, kind = DataKind.EMAIL) String email,
            int keyVersion,
            String status) {
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
    public record RevealedView(UUID id, Map<String, String> personalData, String status) {
        static RevealedView of(Profile p) {
            var values = new LinkedHashMap<String, String>();
            values.put("name", p.name().orElse(null));
            values.put("phone", p.phone().orElse(null));
            values.put("email", p.email().orElse(null));
            return new RevealedView(p.id(), values, p.erased() ? "erased" : "active");
        }
    }

    public record KeyRotationView(UUID id, int keyVersion) {}

    private final ProfileService profiles;
    private final Caller caller;

    public ProfileResource(ProfileService profiles, Caller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Create the caller's profile (stored encrypted, returned masked)")
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
    @Operation(summary = "A profile, masked")
    public Uni<ProfileView> get(@PathParam("id") UUID id) {
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
    @Operation(summary = "Find profiles by exact phone number (blind index), masked")
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
    @Operation(summary = "Unmasked personal data, for a stated purpose; audited")
    public Uni<RevealedView> reveal(@PathParam("id") UUID id, RevealRequest request) {
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
    @Operation(summary = "Erase the profile's personal data by destroying its keys (crypto-shredding)")
    public Uni<Response> erase(@PathParam("id") UUID id) {
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
    @Operation(summary = "Start a new data key version for one profile (re-encryption job moves its rows)")
    public Uni<KeyRotationView> rotateProfileKey(@PathParam("id") UUID id) {
        return profiles.rotateProfileKey(id).map(version -> new KeyRotationView(id, version));
    }

    @POST
    @Path("maintenance/kek-rotation")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rotate the key-encryption key and re-wrap every data key (resumable job)")
    public Uni<JobProgress> rotateKek(
            @QueryParam("batchSize") @DefaultValue("500") int batchSize,
            @QueryParam("maxBatches") @DefaultValue("1000") int maxBatches) {
        checkBatches(batchSize, maxBatches);
        return profiles.rotateKekAndRewrap(batchSize, maxBatches);
    }

    @POST
    @Path("maintenance/reencryption")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Re-encrypt rows still under an older data key version (resumable job)")
    public Uni<JobProgress> reencrypt(
            @QueryParam("batchSize") @DefaultValue("500") int batchSize,
            @QueryParam("maxBatches") @DefaultValue("1000") int maxBatches) {
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
