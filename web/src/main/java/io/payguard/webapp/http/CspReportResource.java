package io.payguard.webapp.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Browsers post Content-Security-Policy violations here ({@code report-uri}). Each is counted
 * ({@code payguard_web_csp_violations_total}) and logged by directive only: a report can carry URLs with personal
 * data, so its body is not logged.
 */
@Path("/csp-reports")
public class CspReportResource {

    private static final Logger LOG = Logger.getLogger(CspReportResource.class);
    private static final java.util.regex.Pattern DIRECTIVE =
            java.util.regex.Pattern.compile("\"(?:violated-directive|effective-directive)\"\\s*:\\s*\"([a-z-]{1,40})");

    private final MeterRegistry registry;

    CspReportResource(MeterRegistry registry) {
        this.registry = registry;
    }

    @POST
    @Consumes({"application/csp-report", "application/json", "application/reports+json"})
    public Response report(String body) {
        String directive = "unknown";
        if (body != null) {
            var m = DIRECTIVE.matcher(body.length() > 8192 ? body.substring(0, 8192) : body);
            if (m.find()) {
                directive = m.group(1);
            }
        }
        registry.counter("payguard.web.csp.violations", "directive", directive).increment();
        LOG.warnf("Content-Security-Policy violation: %s", directive);
        return Response.noContent().build();
    }
}
