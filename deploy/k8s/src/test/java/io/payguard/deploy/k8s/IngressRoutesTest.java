package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Ingress routes exactly the public API prefixes each service serves. The prefixes are read from the services'
 * JAX-RS resources (class-level {@code @Path}, or the method-level paths under a bare {@code /v1}); a resource whose
 * operations are all {@code x-payguard-audience: private} stays off the ingress. Ingress-nginx forwards the path as
 * is (no rewrite), so the chart's prefixes must be the routes themselves.
 */
class IngressRoutesTest {

    private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Map<String, String> SERVICES = Map.of(
            "auth-service",
            "auth-service",
            "payment-service",
            "payment-service",
            "wallet-service",
            "wallet-service",
            "audit-service",
            "audit-service");

    /** service name -> public /v1/<segment> prefixes its resources serve. */
    static Map<String, Set<String>> publicPrefixesFromSources() {
        Map<String, Set<String>> result = new TreeMap<>();
        for (String module : SERVICES.keySet()) {
            Set<String> prefixes = new TreeSet<>();
            try (Stream<Path> files =
                    Files.walk(HelmChart.repoDir().resolve(module).resolve("src/main/java"))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String src = Files.readString(f);
                    int classAt = indexOfTypeDeclaration(src);
                    if (classAt < 0) {
                        continue;
                    }
                    Matcher m = PATH.matcher(src.substring(0, classAt));
                    String classPath = null;
                    while (m.find()) {
                        classPath = m.group(1);
                    }
                    if (classPath == null || !classPath.startsWith("/v1")) {
                        continue;
                    }
                    boolean onlyPrivate = src.contains("x-payguard-audience\", value = \"private\"")
                            && !src.contains("x-payguard-audience\", value = \"public\"");
                    if (onlyPrivate) {
                        continue;
                    }
                    if (classPath.equals("/v1") || classPath.equals("/v1/")) {
                        Matcher methods = PATH.matcher(src.substring(classAt));
                        while (methods.find()) {
                            prefixes.add("/v1/" + firstSegment(methods.group(1)));
                        }
                    } else {
                        prefixes.add("/v1/" + firstSegment(classPath.substring("/v1".length())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            result.put(SERVICES.get(module), prefixes);
        }
        return result;
    }

    private static int indexOfTypeDeclaration(String src) {
        Matcher m = Pattern.compile("(?m)^(public |final |abstract )*(class|interface|record) ")
                .matcher(src);
        return m.find() ? m.start() : -1;
    }

    private static String firstSegment(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }

    @Test
    void theSourcesHaveTheKnownPublicPrefixes() {
        // Control for the scan itself: if it found nothing, the comparison below would prove nothing.
        Map<String, Set<String>> fromSources = publicPrefixesFromSources();
        assertThat(fromSources.get("payment-service")).contains("/v1/payment_intents", "/v1/payouts");
        assertThat(fromSources.get("wallet-service")).contains("/v1/wallets").doesNotContain("/v1/wallet-admin");
        assertThat(fromSources.get("audit-service")).containsExactly("/v1/audit");
    }

    @Test
    void eachServicesIngressRoutesExactlyItsPublicPrefixes() {
        Map<String, Set<String>> fromSources = new TreeMap<>();
        publicPrefixesFromSources().forEach((service, prefixes) -> fromSources.put(service, new TreeSet<>(prefixes)));
        for (String valuesFile : HelmChart.ENVIRONMENT_FILES) {
            Map<String, Set<String>> routed = new TreeMap<>();
            for (JsonNode ing : ofKind(ChartRenderTest.rendered(valuesFile), "Ingress")) {
                if (ManifestRules.isWebApp(ing)) {
                    continue; // theWebAppsIngressRoutesItsPagesOnly
                }
                for (JsonNode rule : ing.path("spec").path("rules")) {
                    for (JsonNode p : rule.path("http").path("paths")) {
                        String backend =
                                p.path("backend").path("service").path("name").asText();
                        String service = backend.substring((HelmChart.RELEASE + "-").length());
                        assertThat(p.path("pathType").asText()).as(backend).isEqualTo("Prefix");
                        routed.computeIfAbsent(service, k -> new TreeSet<>())
                                .add(p.path("path").asText());
                    }
                }
            }
            assertThat(routed).as(valuesFile).isEqualTo(fromSources);
        }
    }

    /**
     * The web app gets its page ("/", Exact), its endpoints (/config.json, /csp-reports: the JAX-RS paths in web/) and
     * its static files, never a /v1 prefix of a service nor its own /q/... (health, metrics).
     */
    @Test
    void theWebAppsIngressRoutesItsPagesOnly() throws IOException {
        String sources;
        try (var files = Files.walk(HelmChart.repoDir().resolve("web/src/main/java"))) {
            var sb = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sb.append(Files.readString(f));
            }
            sources = sb.toString();
        }
        assertThat(sources).contains("@Path(\"/config.json\")", "@Path(\"/csp-reports\")");
        for (String valuesFile : HelmChart.ENVIRONMENT_FILES) {
            Map<String, String> routed = new TreeMap<>();
            for (JsonNode ing : ofKind(ChartRenderTest.rendered(valuesFile), "Ingress")) {
                if (!ManifestRules.isWebApp(ing)) {
                    continue;
                }
                for (JsonNode rule : ing.path("spec").path("rules")) {
                    for (JsonNode p : rule.path("http").path("paths")) {
                        routed.put(p.path("path").asText(), p.path("pathType").asText());
                    }
                }
            }
            assertThat(routed)
                    .as(valuesFile)
                    .containsEntry("/", "Exact")
                    .containsEntry("/config.json", "Exact")
                    .containsEntry("/csp-reports", "Exact");
            assertThat(routed.keySet())
                    .as(valuesFile)
                    .noneMatch(path -> path.startsWith("/q") || path.startsWith("/v1"));
            routed.forEach((path, type) ->
                    assertThat(type).as(path).isEqualTo(path.endsWith("/") && !path.equals("/") ? "Prefix" : "Exact"));
        }
    }
}
