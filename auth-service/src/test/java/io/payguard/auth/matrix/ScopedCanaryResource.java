package io.payguard.auth.matrix;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.quarkus.arc.properties.IfBuildProperty;

/** A merchant route that needs payments:write, present only in the canary build. */
@Path("/v1/test-only/scoped")
@IfBuildProperty(name = "payguard.test.open-canary", stringValue = "true")
public class ScopedCanaryResource {

    @GET
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    public String scoped() {
        return "scoped ok";
    }
}
