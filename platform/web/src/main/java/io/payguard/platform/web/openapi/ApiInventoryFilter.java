package io.payguard.platform.web.openapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import io.payguard.platform.web.Roles;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the published OpenAPI document the API inventory (OWASP API9): every operation carries
 * {@code x-payguard-audience} ({@code public}: partner-facing; {@code private}: service-to-service) and
 * {@code x-payguard-security-level} (the roles it admits). An explicit {@code @Extension} on the operation
 * wins; otherwise the audience follows from the roles: only the {@code service} role means private.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ApiInventoryFilter implements OASFilter {

    public static final String AUDIENCE = "x-payguard-audience";
    public static final String LEVEL = "x-payguard-security-level";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(ApiInventoryFilter::tag));
    }

    static void tag(Operation op) {
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> security = op.getSecurity();
        if (security != null) {
            security.forEach(req -> req.getSchemes().values().forEach(roles::addAll));
        }
        if (op.getExtensions() == null || !op.getExtensions().containsKey(AUDIENCE)) {
            op.addExtension(AUDIENCE, !roles.isEmpty() && roles.equals(Set.of(Roles.SERVICE)) ? "private" : "public");
        }
        if (op.getExtensions() == null || !op.getExtensions().containsKey(LEVEL)) {
            op.addExtension(LEVEL, roles.isEmpty() ? "none" : String.join(",", roles));
        }
    }
}
