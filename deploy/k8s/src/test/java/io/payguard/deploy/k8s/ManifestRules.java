package io.payguard.deploy.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules the rendered chart must satisfy. Each rule returns the list of violations (empty = pass),
 * so the chart tests assert emptiness and {@code ManifestRulesTest} proves each rule catches a bad manifest.
 *
 * <p>The structural check is deliberately light: known kinds with their expected apiVersion plus
 * apiVersion/kind/metadata.name. It is not an OpenAPI validation against a Kubernetes API server.
 */
final class ManifestRules {

    /** The kinds this chart may render, with the only apiVersion accepted for each. */
    static final Map<String, String> KNOWN_KINDS = Map.ofEntries(
            Map.entry("Deployment", "apps/v1"),
            Map.entry("Service", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"),
            Map.entry("Certificate", "cert-manager.io/v1"));

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");

    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    /** Env vars that name where a secret lives (a mounted file), not the secret itself. */
    private static final Pattern FILE_REFERENCE_ENV = Pattern.compile(".*_(PATH|FILE|FILES|LOCATION)$");

    private static final Pattern SECRET_LIKE_ENV =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|private_?key).*");

    private ManifestRules() {}

    static String id(JsonNode doc) {
        return doc.path("kind").asText("?") + "/"
                + doc.path("metadata").path("name").asText("?");
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode podSpec(JsonNode workload) {
        return switch (workload.path("kind").asText()) {
            case "Pod" -> workload.path("spec");
            case "CronJob" ->
                workload.path("spec")
                        .path("jobTemplate")
                        .path("spec")
                        .path("template")
                        .path("spec");
            default -> workload.path("spec").path("template").path("spec");
        };
    }

    static JsonNode podLabels(JsonNode workload) {
        return "Pod".equals(workload.path("kind").asText())
                ? workload.path("metadata").path("labels")
                : workload.path("spec").path("template").path("metadata").path("labels");
    }

    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> result = new ArrayList<>();
        podSpec(workload).path("initContainers").forEach(result::add);
        podSpec(workload).path("containers").forEach(result::add);
        return result;
    }

    // ---- structure ---------------------------------------------------------------------------------

    static List<String> structure(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText("");
            String apiVersion = d.path("apiVersion").asText("");
            String name = d.path("metadata").path("name").asText("");
            if (kind.isEmpty() || apiVersion.isEmpty() || name.isEmpty()) {
                v.add(id(d) + ": missing apiVersion, kind or metadata.name");
                continue;
            }
            String expected = KNOWN_KINDS.get(kind);
            if (expected == null) {
                v.add(id(d) + ": kind " + kind + " is not one of " + KNOWN_KINDS.keySet());
            } else if (!expected.equals(apiVersion)) {
                v.add(id(d) + ": apiVersion " + apiVersion + ", expected " + expected);
            }
            if (name.length() > 63 || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
                v.add(id(d) + ": metadata.name is not a valid DNS-1123 name of at most 63 characters");
            }
            if (seen.merge(kind + "/" + name, 1, Integer::sum) > 1) {
                v.add(id(d) + ": rendered twice");
            }
            if (!d.path("spec").isMissingNode() && !d.path("spec").isObject()) {
                v.add(id(d) + ": spec is not an object");
            }
        }
        return v;
    }

    // ---- pods and containers -----------------------------------------------------------------------

    static List<String> podHardening(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        List<JsonNode> workloads = docs.stream()
                .filter(d -> WORKLOAD_KINDS.contains(d.path("kind").asText()))
                .toList();
        for (JsonNode w : workloads) {
            JsonNode pod = podSpec(w);
            JsonNode podSc = pod.path("securityContext");
            if (!pod.path("automountServiceAccountToken").isBoolean()
                    || pod.path("automountServiceAccountToken").asBoolean()) {
                v.add(id(w)
                        + ": automountServiceAccountToken must be false (the services never call the Kubernetes API)");
            }
            Set<String> emptyDirs = new java.util.HashSet<>();
            pod.path("volumes").forEach(vol -> {
                if (vol.has("emptyDir")) {
                    emptyDirs.add(vol.path("name").asText());
                }
            });
            if (containers(w).isEmpty()) {
                v.add(id(w) + ": no containers");
            }
            for (JsonNode c : containers(w)) {
                String where = id(w) + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                if (!effective(sc, podSc, "runAsNonRoot").asBoolean(false)) {
                    v.add(where + ": runAsNonRoot is not true");
                }
                JsonNode uid = effective(sc, podSc, "runAsUser");
                if (!uid.isIntegralNumber() || uid.asLong() <= 0) {
                    v.add(where + ": runAsUser must be a numeric non-root uid, was " + uid);
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    v.add(where + ": readOnlyRootFilesystem is not true");
                }
                if (!sc.path("allowPrivilegeEscalation").isBoolean()
                        || sc.path("allowPrivilegeEscalation").asBoolean()) {
                    v.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    v.add(where + ": privileged");
                }
                boolean dropsAll = false;
                for (JsonNode cap : sc.path("capabilities").path("drop")) {
                    dropsAll |= "ALL".equals(cap.asText());
                }
                if (!dropsAll) {
                    v.add(where + ": capabilities.drop does not contain ALL");
                }
                if (sc.path("capabilities").path("add").size() > 0) {
                    v.add(where + ": adds capabilities "
                            + sc.path("capabilities").path("add"));
                }
                if (!"RuntimeDefault"
                        .equals(effective(sc, podSc, "seccompProfile")
                                .path("type")
                                .asText())) {
                    v.add(where + ": seccompProfile is not RuntimeDefault");
                }
                JsonNode res = c.path("resources");
                for (String kind : List.of("requests", "limits")) {
                    for (String r : List.of("cpu", "memory")) {
                        if (res.path(kind).path(r).asText("").isEmpty()) {
                            v.add(where + ": resources." + kind + "." + r + " missing");
                        }
                    }
                }
                checkProbe(v, where, c, "livenessProbe", "/q/health/live");
                checkProbe(v, where, c, "readinessProbe", "/q/health/ready");
                checkProbe(v, where, c, "startupProbe", null);
                boolean tmpOnEmptyDir = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    tmpOnEmptyDir |= "/tmp".equals(m.path("mountPath").asText())
                            && emptyDirs.contains(m.path("name").asText());
                }
                if (!tmpOnEmptyDir) {
                    v.add(where + ": /tmp is not an emptyDir mount (needed with a read-only root filesystem)");
                }
            }
        }
        return v;
    }

    private static JsonNode effective(JsonNode containerSc, JsonNode podSc, String field) {
        return containerSc.has(field) ? containerSc.path(field) : podSc.path(field);
    }

    private static void checkProbe(List<String> v, String where, JsonNode c, String probe, String expectedPath) {
        JsonNode p = c.path(probe);
        if (p.isMissingNode() || p.isNull()) {
            v.add(where + ": " + probe + " missing");
            return;
        }
        String path = p.path("httpGet").path("path").asText("");
        if (path.isEmpty()) {
            v.add(where + ": " + probe + " is not an HTTP probe");
        } else if (expectedPath != null && !expectedPath.equals(path)) {
            v.add(where + ": " + probe + " path " + path + ", expected " + expectedPath);
        } else if (expectedPath == null && !path.startsWith("/q/health")) {
            v.add(where + ": " + probe + " path " + path + " is not a Quarkus health endpoint");
        }
        String port = p.path("httpGet").path("port").asText();
        boolean portDeclared = false;
        for (JsonNode cp : c.path("ports")) {
            portDeclared |= port.equals(cp.path("name").asText())
                    || port.equals(cp.path("containerPort").asText());
        }
        if (!portDeclared) {
            v.add(where + ": " + probe + " port " + port + " is not a container port");
        }
    }

    // ---- what the process needs to be reachable and to stop cleanly --------------------------------

    /**
     * Every container binds all interfaces (platform/web defaults to 127.0.0.1, which no probe, Service or Ingress
     * reaches), keeps plain HTTP on when it has no TLS listener (the prod profile turns it off), and drains on
     * termination: a preStop sleep action (no shell needed), then a Quarkus shutdown timeout that ends before
     * terminationGracePeriodSeconds.
     */
    static List<String> podLifecycle(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        for (JsonNode w : docs.stream()
                .filter(d -> WORKLOAD_KINDS.contains(d.path("kind").asText()))
                .toList()) {
            JsonNode pod = podSpec(w);
            long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
            for (JsonNode c : pod.path("containers")) {
                String where = id(w) + " container " + c.path("name").asText();
                Map<String, String> env = new HashMap<>();
                c.path("env")
                        .forEach(e ->
                                env.put(e.path("name").asText(), e.path("value").asText(null)));
                if (!"0.0.0.0".equals(env.get("QUARKUS_HTTP_HOST"))) {
                    v.add(where + ": QUARKUS_HTTP_HOST is " + env.get("QUARKUS_HTTP_HOST")
                            + ", not 0.0.0.0 (the services bind 127.0.0.1 by default)");
                }
                if (!env.containsKey("QUARKUS_HTTP_SSL_PORT")
                        && !"enabled".equals(env.get("QUARKUS_HTTP_INSECURE_REQUESTS"))) {
                    v.add(
                            where
                                    + ": no TLS listener and QUARKUS_HTTP_INSECURE_REQUESTS is not enabled (the prod profile disables plain HTTP)");
                }
                JsonNode preStop = c.path("lifecycle").path("preStop");
                long sleep = preStop.path("sleep").path("seconds").asLong(-1);
                if (sleep < 1) {
                    v.add(
                            where
                                    + ": no preStop sleep action (endpoints must leave the Service and ingress before SIGTERM)");
                }
                String timeout = env.get("QUARKUS_SHUTDOWN_TIMEOUT");
                if (timeout == null || !timeout.matches("\\d+[sS]")) {
                    v.add(where + ": QUARKUS_SHUTDOWN_TIMEOUT is " + timeout + ", expected whole seconds such as 30s");
                } else {
                    long drain = Long.parseLong(timeout.substring(0, timeout.length() - 1));
                    if (drain < 1 || Math.max(sleep, 0) + drain >= grace) {
                        v.add(where + ": preStop sleep " + sleep + " s + shutdown timeout " + drain
                                + " s do not end before terminationGracePeriodSeconds " + grace);
                    }
                }
            }
        }
        return v;
    }

    // ---- secrets and images ------------------------------------------------------------------------

    static List<String> noInlineSecrets(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        for (JsonNode d : docs) {
            if ("Secret".equals(d.path("kind").asText())
                    && (d.path("data").size() > 0 || d.path("stringData").size() > 0)) {
                v.add(id(d) + ": Secret with inline data/stringData (secrets come from existing Secrets or Vault)");
            }
            if (WORKLOAD_KINDS.contains(d.path("kind").asText())) {
                for (JsonNode c : containers(d)) {
                    for (JsonNode e : c.path("env")) {
                        String name = e.path("name").asText();
                        String value = e.path("value").asText("");
                        // A reference to another env var, e.g. the Kafka JAAS line's $(SCRAM_PASSWORD), is not a
                        // secret.
                        if (e.has("value")
                                && SECRET_LIKE_ENV.matcher(name).matches()
                                && !FILE_REFERENCE_ENV.matcher(name).matches()
                                && !value.matches("(?s).*\\$\\([A-Z0-9_]+\\).*")) {
                            v.add(id(d) + " container " + c.path("name").asText() + ": env " + name
                                    + " has a literal value");
                        }
                    }
                }
            }
        }
        return v;
    }

    static List<String> imagesTagged(List<JsonNode> docs, String registry, String version) {
        List<String> v = new ArrayList<>();
        docs.stream()
                .filter(d -> WORKLOAD_KINDS.contains(d.path("kind").asText()))
                .forEach(w -> {
                    for (JsonNode c : containers(w)) {
                        String expected =
                                registry + "/payguard/" + c.path("name").asText() + ":" + version;
                        String image = c.path("image").asText();
                        if (!expected.equals(image)) {
                            v.add(id(w) + ": image " + image + ", expected " + expected);
                        }
                    }
                });
        return v;
    }

    // ---- network policies --------------------------------------------------------------------------

    static boolean isDefaultDeny(JsonNode np) {
        JsonNode types = np.path("spec").path("policyTypes");
        boolean ingress = false;
        boolean egress = false;
        for (JsonNode t : types) {
            ingress |= "Ingress".equals(t.asText());
            egress |= "Egress".equals(t.asText());
        }
        return ingress
                && egress
                && np.path("spec").path("ingress").size() == 0
                && np.path("spec").path("egress").size() == 0;
    }

    /** matchLabels-only selectors (what this chart uses); matchExpressions make the selector count as non-matching. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.path("matchExpressions").size() > 0) {
            return false;
        }
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static List<String> networkPolicies(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        List<JsonNode> policies = ofKind(docs, "NetworkPolicy");
        List<JsonNode> denies =
                policies.stream().filter(ManifestRules::isDefaultDeny).toList();
        if (denies.isEmpty()) {
            v.add("no default-deny NetworkPolicy (policyTypes Ingress and Egress, no rules)");
        }
        for (JsonNode w : docs.stream()
                .filter(d -> WORKLOAD_KINDS.contains(d.path("kind").asText()))
                .toList()) {
            JsonNode labels = podLabels(w);
            if (denies.stream().noneMatch(np -> selects(np.path("spec").path("podSelector"), labels))) {
                v.add(id(w) + ": pods not selected by a default-deny NetworkPolicy");
            }
            if (policies.stream()
                    .filter(np -> !isDefaultDeny(np))
                    .noneMatch(np -> selects(np.path("spec").path("podSelector"), labels))) {
                v.add(id(w) + ": pods not selected by any allow NetworkPolicy");
            }
        }
        for (JsonNode np : policies) {
            for (JsonNode rule : np.path("spec").path("ingress")) {
                if (rule.path("from").size() == 0) {
                    v.add(id(np) + ": ingress rule without 'from' allows every source");
                }
                if (rule.path("ports").size() == 0) {
                    v.add(id(np) + ": ingress rule without 'ports' allows every port");
                }
            }
            for (JsonNode rule : np.path("spec").path("egress")) {
                if (rule.path("to").size() == 0) {
                    v.add(id(np) + ": egress rule without 'to' allows every destination");
                }
                if (rule.path("ports").size() == 0) {
                    v.add(id(np) + ": egress rule without 'ports' allows every port");
                }
                for (JsonNode peer : rule.path("to")) {
                    if ("0.0.0.0/0".equals(peer.path("ipBlock").path("cidr").asText())) {
                        v.add(id(np) + ": egress to 0.0.0.0/0");
                    }
                }
            }
        }
        return v;
    }

    // ---- production --------------------------------------------------------------------------------

    /** The web app (web/): a static site with no Kafka, database, KMS or Vault, labelled component "web". */
    static boolean isWebApp(JsonNode doc) {
        return "web"
                .equals(doc.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/component")
                        .asText());
    }

    static List<String> productionReadiness(List<JsonNode> docs) {
        List<String> v = new ArrayList<>();
        List<JsonNode> deployments = ofKind(docs, "Deployment");
        if (deployments.isEmpty()) {
            v.add("no Deployment rendered");
        }
        for (JsonNode d : deployments) {
            String name = d.path("metadata").path("name").asText();
            JsonNode hpa = ofKind(docs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> name.equals(
                            h.path("spec").path("scaleTargetRef").path("name").asText()))
                    .findFirst()
                    .orElse(null);
            int replicas = hpa != null
                    ? hpa.path("spec").path("minReplicas").asInt(1)
                    : d.path("spec").path("replicas").asInt(1);
            if (replicas < 2) {
                v.add(id(d) + ": " + replicas + " replica(s), production needs >= 2");
            }
            JsonNode labels = podLabels(d);
            boolean antiAffinity = false;
            for (JsonNode term : podSpec(d)
                    .path("affinity")
                    .path("podAntiAffinity")
                    .path("requiredDuringSchedulingIgnoredDuringExecution")) {
                antiAffinity |= "kubernetes.io/hostname"
                                .equals(term.path("topologyKey").asText())
                        && term.path("labelSelector").path("matchLabels").size() > 0
                        && selects(term.path("labelSelector"), labels);
            }
            if (!antiAffinity) {
                v.add(id(d) + ": no required pod anti-affinity on kubernetes.io/hostname selecting its own pods");
            }
            if (ofKind(docs, "PodDisruptionBudget").stream()
                    .noneMatch(p -> selects(p.path("spec").path("selector"), labels))) {
                v.add(id(d) + ": no PodDisruptionBudget");
            }
            for (JsonNode c : podSpec(d).path("containers")) {
                Map<String, String> env = new HashMap<>();
                c.path("env")
                        .forEach(e ->
                                env.put(e.path("name").asText(), e.path("value").asText(null)));
                String where = id(d) + " container " + c.path("name").asText();
                boolean https = false;
                for (JsonNode p : c.path("ports")) {
                    https |= p.path("containerPort").asInt() == 8443;
                }
                if (!https
                        || !"disabled".equals(env.get("QUARKUS_HTTP_INSECURE_REQUESTS"))
                        || !"HTTPS"
                                .equals(c.path("readinessProbe")
                                        .path("httpGet")
                                        .path("scheme")
                                        .asText())) {
                    v.add(where + ": HTTP listener is not TLS-only on 8443");
                }
                if (isWebApp(d)) {
                    continue; // no Kafka, database, Keycloak or KMS link of its own: the browser calls them
                }
                if (!Set.of("SSL", "SASL_SSL").contains(String.valueOf(env.get("KAFKA_SECURITY_PROTOCOL")))) {
                    v.add(where + ": Kafka link is not TLS (KAFKA_SECURITY_PROTOCOL="
                            + env.get("KAFKA_SECURITY_PROTOCOL") + ")");
                }
                if (!String.valueOf(env.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("sslmode=verify-full")
                        || !"verify-full".equals(env.get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"))) {
                    v.add(where + ": PostgreSQL link is not TLS with verify-full");
                }
                if (!String.valueOf(env.get("QUARKUS_OIDC_AUTH_SERVER_URL")).startsWith("https://")) {
                    v.add(where + ": Keycloak URL is not https");
                }
                // A service that uses no KMS (no PAYGUARD_KMS_* at all: wallet) has nothing to check here.
                boolean usesKms = env.keySet().stream().anyMatch(k -> k.startsWith("PAYGUARD_KMS_"));
                if (usesKms
                        && !String.valueOf(env.get("PAYGUARD_KMS_VAULT_URL")).startsWith("https://")) {
                    v.add(where + ": Vault URL is not https");
                }
                if (usesKms && !"vault".equals(env.get("PAYGUARD_KMS_PROVIDER"))) {
                    v.add(where + ": KMS provider is not vault");
                }
            }
        }
        List<JsonNode> ingresses = ofKind(docs, "Ingress");
        if (ingresses.isEmpty()) {
            v.add("no Ingress rendered");
        }
        for (JsonNode ing : ingresses) {
            Set<String> tlsHosts = new java.util.HashSet<>();
            for (JsonNode t : ing.path("spec").path("tls")) {
                if (!t.path("secretName").asText("").isEmpty()) {
                    t.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
                }
            }
            for (JsonNode rule : ing.path("spec").path("rules")) {
                if (!tlsHosts.contains(rule.path("host").asText())) {
                    v.add(id(ing) + ": host " + rule.path("host").asText() + " is not covered by TLS");
                }
            }
            JsonNode ann = ing.path("metadata").path("annotations");
            if (!"true"
                    .equals(ann.path("nginx.ingress.kubernetes.io/force-ssl-redirect")
                            .asText())) {
                v.add(id(ing) + ": HTTP is not redirected to HTTPS");
            }
            if (!"HTTPS"
                            .equals(ann.path("nginx.ingress.kubernetes.io/backend-protocol")
                                    .asText())
                    || !"on"
                            .equals(ann.path("nginx.ingress.kubernetes.io/proxy-ssl-verify")
                                    .asText())) {
                v.add(id(ing) + ": ingress -> pod hop is not verified TLS");
            }
        }
        return v;
    }
}
