package io.payguard.webapp.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.payguard.webapp.config.WebAppConfig;

/** {@code GET /config.json}: what the app needs to log in and to call the services. Public, and holds no secret. */
@Path("/config.json")
public class AppConfigResource {

    public record AppConfig(String issuer, String clientId, Map<String, String> services, List<String> locales) {}

    private final AppConfig config;

    AppConfigResource(WebAppConfig web) {
        this.config = new AppConfig(
                web.issuer(),
                web.clientId(),
                Map.of(
                        "auth", web.services().auth(),
                        "payment", web.services().payment(),
                        "wallet", web.services().wallet(),
                        "audit", web.services().audit()),
                web.locales());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AppConfig get() {
        return config;
    }
}
