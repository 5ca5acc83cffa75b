package io.payguard.auth.matrix;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.arc.properties.IfBuildProperty;

/** A deliberately unprotected route, present only in RouteMatrixCatchesOpenRoutesTest's build. */
@Path("/v1/test-only/open-canary")
@IfBuildProperty(name = "payguard.test.open-canary", stringValue = "true")
public class OpenCanaryResource {

    @GET
    @PermitAll
    public String open() {
        return "anyone can read this";
    }
}
