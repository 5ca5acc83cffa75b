package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every environment variable the chart sets on a service is a name that service's code reads at run time:
 * <ul>
 * <li>{@code QUARKUS_*}: a RUN_TIME property of the Quarkus extensions (their own config model, shipped in each
 * extension jar); a build-time property set at run time is ignored, so it fails here;</li>
 * <li>{@code PAYGUARD_*} and the rest: a property of the service's packaged configuration (the META-INF/microprofile-config.properties
 * of the platform modules on its class path, its application.properties), of a {@code @ConfigMapping} interface or a
 * {@code @ConfigProperty} in the service's sources or those platform modules' (a module the service does not depend on
 * does not count: its names are read by nobody in that process);</li>
 * <li>{@code KAFKA_*}: Quarkus hands every kafka-prefixed name to the Kafka clients with {@code _} read as
 * {@code .}, so it must be a Kafka client config;</li>
 * <li>{@code JAVA_TOOL_OPTIONS} (read by the JVM) and variables only used as {@code $(NAME)} in another value.</li>
 * </ul>
 * Env names map to properties the way SmallRye Config does: upper case, every non-alphanumeric character an underscore.
 */
class ChartConfigNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>?, ]+?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");

    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A property pattern ({@code *} = one map key) as a regex over env names. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("(?=\\*)|(?<=\\*)")) {
            regex.append(part.equals("*") ? "[A-Z0-9_]+?" : Pattern.quote(envName(part)));
        }
        return Pattern.compile(regex.toString());
    }

    /** Quarkus extension properties by phase, from the config models of the extension jars on the test class path. */
    static Map<String, List<Pattern>> quarkusPropertiesByPhase() throws IOException {
        Map<String, List<Pattern>> byPhase = new TreeMap<>();
        Enumeration<URL> models = ChartConfigNamesTest.class
                .getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
        int count = 0;
        while (models.hasMoreElements()) {
            count++;
            try (InputStream in = models.nextElement().openStream()) {
                collect(JSON.readTree(in), byPhase);
            }
        }
        assertThat(count).as("Quarkus config models on the test class path").isGreaterThanOrEqualTo(8);
        return byPhase;
    }

    private static void collect(JsonNode node, Map<String, List<Pattern>> byPhase) {
        if (node.isObject()) {
            JsonNode path = node.path("path");
            if (path.has("property") && node.has("phase")) {
                // Map keys appear quoted ("datasource-name"): any key.
                String property = path.path("property").asText().replaceAll("\"[^\"]*\"", "*");
                byPhase.computeIfAbsent(node.path("phase").asText(), k -> new ArrayList<>())
                        .add(envPattern(property));
                path.path("additionalPaths")
                        .forEach(a -> byPhase.get(node.path("phase").asText())
                                .add(envPattern(a.path("property").asText().replaceAll("\"[^\"]*\"", "*"))));
            }
            node.forEach(child -> collect(child, byPhase));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, byPhase));
        }
    }

    /** PayGuard's own property names (and patterns) a service can read. */
    static List<Pattern> payguardProperties(String service) {
        List<Pattern> result = new ArrayList<>();
        ServiceConfig.prod(service).keySet().forEach(k -> result.add(envPattern(k)));
        // Profile-specific keys are names the code reads too.
        ServiceConfig.read(ServiceConfig.serviceConfig(service))
                .stringPropertyNames()
                .forEach(k -> result.add(envPattern(k.replaceFirst("^%[^.]+\\.", ""))));
        List<Path> modules = new ArrayList<>();
        modules.add(HelmChart.repoDir().resolve(service));
        ServiceConfig.platformModules(service)
                .forEach(
                        m -> modules.add(HelmChart.repoDir().resolve("platform").resolve(m)));
        Map<String, String> interfaces = new HashMap<>();
        List<String> sources = new ArrayList<>();
        for (Path module : modules) {
            String src = stripComments(ServiceConfig.mainSources(module));
            sources.add(src);
            interfaceBodies(src, interfaces);
        }
        for (String src : sources) {
            Matcher p = CONFIG_PROPERTY.matcher(src);
            while (p.find()) {
                result.add(envPattern(p.group(1)));
            }
            Matcher m = CONFIG_MAPPING.matcher(src);
            while (m.find()) {
                Matcher root = INTERFACE.matcher(src);
                if (root.find(m.end())) {
                    mappingProperties(m.group(1), root.group(1), interfaces, result, 0);
                }
            }
        }
        return result;
    }

    private static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }

    /** interface simple name -> its body without nested interface bodies (first declaration wins). */
    private static void interfaceBodies(String src, Map<String, String> into) {
        Matcher m = INTERFACE.matcher(src);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            StringBuilder own = new StringBuilder();
            while (i < src.length() && depth > 0) {
                char c = src.charAt(i++);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (depth == 1) {
                    own.append(c);
                }
            }
            into.putIfAbsent(m.group(1), own.toString());
        }
    }

    private static void mappingProperties(
            String prefix, String type, Map<String, String> interfaces, List<Pattern> into, int depth) {
        String body = interfaces.get(type);
        if (body == null || depth > 6) {
            return;
        }
        Matcher m = METHOD.matcher(body);
        while (m.find()) {
            String returnType = m.group(1).trim();
            String name = prefix + "."
                    + m.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Matcher map = Pattern.compile("Map<\\s*String\\s*,\\s*(\\w+)\\s*>").matcher(returnType);
            String inner = returnType.replaceAll("^(Optional|List|Set)<\\s*(\\w+)\\s*>$", "$2");
            if (map.find()) {
                if (interfaces.containsKey(map.group(1))) {
                    mappingProperties(name + ".*", map.group(1), interfaces, into, depth + 1);
                } else {
                    into.add(envPattern(name + ".*"));
                }
            } else if (interfaces.containsKey(inner)) {
                mappingProperties(name, inner, interfaces, into, depth + 1);
            } else {
                into.add(envPattern(name));
            }
        }
    }

    static Set<String> kafkaClientConfigs() {
        Set<String> names = new TreeSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /** service name -> env names the chart sets on it, over the environment files and the optional features. */
    static Map<String, Set<String>> chartEnv() {
        Map<String, Set<String>> result = new TreeMap<>();
        List<List<JsonNode>> renderings = List.of(
                ChartRenderTest.rendered("values-dev.yaml"),
                ChartRenderTest.rendered("values-production.yaml"),
                // Every SCA channel at once (production has email and sms, dev log): all of payment-service's SCA
                // names.
                HelmChart.render("values-dev.yaml", allScaChannels()),
                HelmChart.render(
                        "values-dev.yaml",
                        Map.of("services.audit.database.migration.existingSecret", "payguard-audit-owner")),
                HelmChart.render(
                        "values-production.yaml",
                        Map.of(
                                "vault.agentInjector.enabled",
                                false,
                                "services.auth.database.existingSecret",
                                "a",
                                "services.payment.database.existingSecret",
                                "p",
                                "services.wallet.database.existingSecret",
                                "w",
                                "services.audit.database.existingSecret",
                                "au",
                                "services.audit.database.migration.existingSecret",
                                "owner")));
        for (List<JsonNode> docs : renderings) {
            for (JsonNode d : ofKind(docs, "Deployment")) {
                for (JsonNode c : ManifestRules.podSpec(d).path("containers")) {
                    Set<String> referenced = new TreeSet<>();
                    c.path("env").forEach(e -> {
                        Matcher r = REFERENCE.matcher(e.path("value").asText(""));
                        while (r.find()) {
                            referenced.add(r.group(1));
                        }
                    });
                    Set<String> names = result.computeIfAbsent(c.path("name").asText(), k -> new TreeSet<>());
                    c.path("env").forEach(e -> {
                        if (!referenced.contains(e.path("name").asText())) {
                            names.add(e.path("name").asText());
                        }
                    });
                }
            }
        }
        return result;
    }

    private static Map<String, Object> allScaChannels() {
        Map<String, Object> sets = new TreeMap<>();
        sets.put("sca.channels[0]", "log");
        sets.put("sca.channels[1]", "email");
        sets.put("sca.channels[2]", "sms");
        sets.put("sca.email.host", "mail.dev.localhost");
        sets.put("sca.email.from", "no-reply@dev.localhost");
        sets.put("sca.email.existingSecret", "payguard-smtp");
        sets.put("sca.email.networkPeers[0].ipBlock.cidr", "10.0.0.25/32");
        sets.put("sca.sms.url", "http://sms.dev.localhost");
        sets.put("sca.sms.existingSecret", "payguard-sms-gateway");
        sets.put("sca.sms.networkPeers[0].ipBlock.cidr", "10.0.0.26/32");
        return sets;
    }

    @Test
    void everyEnvNameTheChartSetsIsReadByTheService() throws IOException {
        Map<String, List<Pattern>> quarkus = quarkusPropertiesByPhase();
        List<Pattern> runTime = quarkus.getOrDefault("RUN_TIME", List.of());
        List<Pattern> buildTime = new ArrayList<>();
        quarkus.forEach((phase, patterns) -> {
            if (!phase.equals("RUN_TIME")) {
                buildTime.addAll(patterns);
            }
        });
        Set<String> kafka = kafkaClientConfigs();
        Map<String, Set<String>> env = chartEnv();
        // the four services and the web app (web/: its own application.properties and @ConfigMapping WebAppConfig)
        List<String> apps = new ArrayList<>(ServiceConfig.SERVICES);
        apps.add("web");
        assertThat(env).containsOnlyKeys(apps);
        List<String> unread = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : env.entrySet()) {
            List<Pattern> payguard = payguardProperties(e.getKey());
            for (String name : e.getValue()) {
                boolean read;
                if (name.equals("JAVA_TOOL_OPTIONS")) {
                    read = true;
                } else if (name.startsWith("KAFKA_")) {
                    read = name.equals("KAFKA_BOOTSTRAP_SERVERS")
                            || kafka.contains(name.substring("KAFKA_".length())
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '.'));
                } else if (name.startsWith("QUARKUS_")) {
                    boolean matchesRunTime = runTime.stream()
                                    .anyMatch(p -> p.matcher(name).matches())
                            || payguard.stream().anyMatch(p -> p.matcher(name).matches());
                    read = matchesRunTime;
                    if (!read
                            && buildTime.stream().anyMatch(p -> p.matcher(name).matches())) {
                        unread.add(e.getKey() + ": " + name
                                + " is a build-time property: setting it at run time changes nothing");
                        continue;
                    }
                } else {
                    read = payguard.stream().anyMatch(p -> p.matcher(name).matches());
                }
                if (!read) {
                    unread.add(e.getKey() + ": " + name + " is not a configuration name the service reads");
                }
            }
        }
        assertThat(unread).isEmpty();
    }

    @Test
    void theCheckCatchesNamesNoCodeReads() throws IOException {
        // Controls: the names the chart used to set before issue 15, and a build-time property.
        Map<String, List<Pattern>> quarkus = quarkusPropertiesByPhase();
        List<Pattern> payguard = payguardProperties("payment-service");
        for (String stale : List.of(
                "QUARKUS_VAULT_URL",
                "PAYGUARD_KMS_TRANSIT_MOUNT",
                "PAYGUARD_KMS_TRANSIT_KEY_PAN",
                "QUARKUS_REST_CLIENT_WALLET_SERVICE_URL")) {
            assertThat(quarkus.get("RUN_TIME"))
                    .as(stale)
                    .noneMatch(p -> p.matcher(stale).matches());
            assertThat(payguard).as(stale).noneMatch(p -> p.matcher(stale).matches());
        }
        for (String good : List.of(
                "PAYGUARD_KMS_VAULT_URL",
                "PAYGUARD_KMS_LOCAL_MASTER_KEY",
                "PAYGUARD_KMS_KEK_NAME",
                "PAYGUARD_RISK_DAILY_MAX",
                "PAYGUARD_SCA_SMS_GATEWAY_TOKEN",
                "PAYGUARD_SCA_ALLOW_LOG_CHANNEL",
                "PAYGUARD_RISK_SCA_LOG_CODES")) {
            assertThat(payguard).as(good).anyMatch(p -> p.matcher(good).matches());
        }
        assertThat(quarkus.get("RUN_TIME"))
                .anyMatch(p -> p.matcher("QUARKUS_HTTP_HOST").matches())
                .anyMatch(p -> p.matcher("QUARKUS_TLS_KEY_STORE_PEM_0_CERT").matches())
                .anyMatch(p -> p.matcher("QUARKUS_MAILER_START_TLS").matches())
                .noneMatch(p -> p.matcher("QUARKUS_MAILER_STARTTLS").matches())
                .noneMatch(p -> p.matcher("QUARKUS_DATASOURCE_DB_KIND").matches());
        assertThat(quarkus).anySatisfy((phase, patterns) -> {
            assertThat(phase).isNotEqualTo("RUN_TIME");
            assertThat(patterns)
                    .anyMatch(p -> p.matcher("QUARKUS_DATASOURCE_DB_KIND").matches());
        });
        assertThat(kafkaClientConfigs())
                .contains("sasl.jaas.config", "ssl.truststore.location")
                .doesNotContain("sasl.password");
    }

    @Test
    void onlyThePlatformModulesOnAServicesClassPathCount() {
        // Since issue 18 every service has the protection kit (its privacy participant), wallet-service too.
        assertThat(ServiceConfig.platformModules("wallet-service")).contains("web", "messaging", "protection");
        assertThat(ServiceConfig.platformModules("audit-service")).contains("web", "protection");
        assertThat(ServiceConfig.platformModules("payment-service")).contains("kernel", "protection");
        // Controls: the wallet service has no KMS (the chart used to set PAYGUARD_KMS_* on it), and the audit
        // checkpoint key
        // is no longer a key pair in the environment but a key name in the KMS.
        List<Pattern> wallet = payguardProperties("wallet-service");
        for (String read : List.of("PAYGUARD_KMS_PROVIDER", "PAYGUARD_KMS_KEK_NAME", "PAYGUARD_KMS_VAULT_URL")) {
            assertThat(wallet).as(read).anyMatch(p -> p.matcher(read).matches());
        }
        List<Pattern> audit = payguardProperties("audit-service");
        assertThat(audit)
                .anyMatch(p -> p.matcher("PAYGUARD_AUDIT_CHECKPOINT_KEY_NAME").matches())
                .anyMatch(p -> p.matcher("PAYGUARD_KMS_VAULT_KUBERNETES_ROLE").matches())
                .noneMatch(
                        p -> p.matcher("PAYGUARD_AUDIT_CHECKPOINT_PRIVATE_KEY").matches())
                .noneMatch(p -> p.matcher("PAYGUARD_AUDIT_CHECKPOINT_KEY_DIR").matches());
    }

    @Test
    void jsonLogsAreOnInTheProfileTheContainersRun() {
        // Containers run the prod profile (the chart sets no QUARKUS_PROFILE); platform/web turns JSON logs on there.
        for (String service : ServiceConfig.SERVICES) {
            assertThat(ServiceConfig.prod(service))
                    .as(service)
                    .containsEntry("quarkus.log.console.json.enabled", "true");
        }
        chartEnv()
                .values()
                .forEach(names -> assertThat(names)
                        .noneMatch(n -> n.equals("QUARKUS_PROFILE") || n.startsWith("QUARKUS_LOG_CONSOLE_JSON")));
    }
}
