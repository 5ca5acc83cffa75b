package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;

import io.payguard.platform.testing.VaultStandIn;

/**
 * The chart and the code agree (issue 15 item 4): the chart is rendered with its dev values and, for every Deployment,
 * that service's built application ({@code target/quarkus-app/quarkus-run.jar}, what the image runs) is started with
 * exactly the rendered container's environment and arguments, against this build's stack (PostgreSQL, Kafka, Keycloak),
 * once with the local KMS and once with {@code kms.provider=vault} against {@link VaultStandIn}. Then the declared
 * startup, liveness and readiness probes are called on the declared port, and one real route through the Service's port
 * mapping. It fails on an env name the code does not read, a probe or port that does not answer, or a bind to 127.0.0.1.
 *
 * <p>What stands in for Kubernetes, and nothing else is changed:
 * <ul>
 * <li>the pod IP: a loopback address of its own per pod (127.0.0.2 ...); the wildcard 0.0.0.0 in an env value means
 * "every address of the pod" and becomes that address (any other value, 127.0.0.1 included, is passed as rendered);</li>
 * <li>the Service: a TCP forwarder on its own address (127.0.1.2 ...) and the Service's port, to the pod address and the
 * port its targetPort names;</li>
 * <li>volumes: a directory per volume; an env value that starts with a volumeMount's path points into it; the projected
 * Vault token is a service account JWT the stand-in accepts for the role the env names;</li>
 * <li>secretKeyRef: the test's own Secrets (the stack's database logins, a fresh KMS master key); an unknown one fails;</li>
 * <li>resources: the memory limit is the JVM's MaxRAM, the CPU limit its processor count (the container's cgroup);</li>
 * <li>the image: {@code java -jar quarkus-run.jar} plus the container's args (no image is built yet, issue 15 item 1).</li>
 * </ul>
 * The process gets no other environment variable. The unread names are reported by platform/web's
 * {@code UnreadEnvironmentReport}, switched on by a JVM system property, not by the environment.
 *
 * <p>Runs last (after LeakScanIT) on the stack this build manages: it stops that stack's four services first, so the
 * launched ones are alone in their Kafka consumer groups and use the stack's databases and logins as a new release would.
 */
@Order(Order.DEFAULT + 3)
class ManifestLaunchIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVICES =
            List.of("auth-service", "payment-service", "wallet-service", "audit-service");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void onlyOnTheBuildsOwnStack() throws Exception {
        assumeTrue(
                Boolean.parseBoolean(System.getProperty("launch", "false")),
                "ManifestLaunchIT stops the stack's services: it runs on the stack the build manages (or with -Dlaunch=true)");
        for (String service : SERVICES) {
            assertThat(repo().resolve(service).resolve("target/quarkus-app/quarkus-run.jar"))
                    .as("built " + service)
                    .exists();
        }
        // Linux answers the whole of 127/8 on lo: each pod and each Service gets an address of its own.
        for (String address : List.of("127.0.0.2", "127.0.0.5", "127.0.1.2", "127.0.1.5")) {
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            }
        }
        for (String service : SERVICES) {
            stopStackService(service);
        }
    }

    @ParameterizedTest(name = "kms.provider={0}")
    @ValueSource(strings = {"local", "vault"})
    void everyDeploymentStartsFromItsRenderedManifestAndAnswers(String kms) throws Exception {
        Path work = Files.createDirectories(
                repo().resolve("e2e-tests/target/manifest-launch").resolve(kms));
        try (VaultStandIn vault = kms.equals("vault") ? VaultStandIn.start() : null) {
            Map<String, Object> sets = new LinkedHashMap<>();
            sets.put("kafka.bootstrapServers", Stack.get("KAFKA_BOOTSTRAP_SERVERS"));
            sets.put("keycloak.authServerUrl", Stack.keycloak());
            // The four services only: the web app's Deployment (web/, no platform/web, so no unread-env report) has
            // its env names checked by deploy/k8s ChartConfigNamesTest against its WebAppConfig.
            sets.put("web.enabled", false);
            for (String key : List.of("auth", "payment", "wallet", "audit")) {
                sets.put("services." + key + ".database.host", "127.0.0.1");
                sets.put("services." + key + ".database.port", postgresPort());
            }
            if (vault != null) {
                sets.put("kms.provider", "vault");
                sets.put("vault.enabled", true);
                sets.put("vault.address", vault.url());
            }
            List<JsonNode> docs = render(sets);
            List<JsonNode> deployments = docs.stream()
                    .filter(d -> d.path("kind").asText().equals("Deployment"))
                    .toList();
            assertThat(deployments).hasSize(4);

            Map<String, Map<String, String>> secrets = secrets();
            List<Pod> pods = new ArrayList<>();
            int n = 2;
            try {
                for (JsonNode deployment : deployments) {
                    pods.add(Pod.start(deployment, docs, secrets, vault, "127.0.0." + n, "127.0.1." + n, work));
                    n++;
                }
                for (Pod pod : pods) {
                    pod.probesAnswer();
                }
                for (Pod pod : pods) {
                    pod.aRouteAnswersThroughTheService();
                }
            } finally {
                for (Pod pod : pods) {
                    pod.stop();
                }
            }
            for (Pod pod : pods) {
                assertThat(pod.unreadEnvironment())
                        .as(pod.name + ": env names the code does not read")
                        .isEmpty();
            }
            if (vault != null) {
                var requests = vault.requests();
                for (Pod pod : pods) {
                    if (pod.env.containsKey("PAYGUARD_KMS_VAULT_KUBERNETES_ROLE")) {
                        assertThat(requests)
                                .as(pod.name + " logged in to Vault")
                                .contains("POST /v1/auth/kubernetes/login");
                    }
                }
                assertThat(vault.transitKeys())
                        .as("keys the services made in Vault Transit")
                        .contains("payguard-audit-checkpoint");
            }
        }
    }

    /** One pod: the launched process, its addresses and the forwarder standing in for its Service. */
    private static final class Pod {
        final String name;
        final String podIp;
        final Map<String, String> env;
        final JsonNode container;
        final Map<String, Integer> ports = new HashMap<>();
        final Process process;
        final Path report;
        final Path log;
        final ServiceForwarder service;
        final int containerPort;

        private Pod(
                String name,
                String podIp,
                Map<String, String> env,
                JsonNode container,
                Process process,
                Path report,
                Path log,
                ServiceForwarder service,
                int containerPort) {
            this.name = name;
            this.podIp = podIp;
            this.env = env;
            this.container = container;
            this.process = process;
            this.report = report;
            this.log = log;
            this.service = service;
            this.containerPort = containerPort;
        }

        static Pod start(
                JsonNode deployment,
                List<JsonNode> docs,
                Map<String, Map<String, String>> secrets,
                VaultStandIn vault,
                String podIp,
                String clusterIp,
                Path work)
                throws IOException {
            JsonNode spec = deployment.path("spec").path("template").path("spec");
            assertThat(spec.path("containers")).hasSize(1);
            JsonNode container = spec.path("containers").get(0);
            String name = container.path("name").asText();
            Path dir = Files.createDirectories(work.resolve(name));
            assertThat(container.has("command"))
                    .as(name + ": a command would replace the image's entrypoint, which no image defines yet")
                    .isFalse();

            // Volumes: a directory each; the projected Vault token is a service account JWT the stand-in accepts.
            Map<String, Path> mounts = new LinkedHashMap<>();
            for (JsonNode mount : container.path("volumeMounts")) {
                Path volume = Files.createDirectories(
                        dir.resolve("volumes").resolve(mount.path("name").asText()));
                mounts.put(mount.path("mountPath").asText(), volume);
            }

            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode e : container.path("env")) {
                String key = e.path("name").asText();
                String value;
                if (e.has("value")) {
                    value = expand(e.path("value").asText(), env);
                } else {
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    assertThat(ref.isMissingNode())
                            .as(name + " " + key + ": only secretKeyRef is resolved here")
                            .isFalse();
                    Map<String, String> secret = secrets.get(ref.path("name").asText());
                    assertThat(secret)
                            .as(name + " " + key + ": Secret "
                                    + ref.path("name").asText() + " (the operator creates it)")
                            .isNotNull();
                    value = secret.get(ref.path("key").asText());
                    assertThat(value)
                            .as(name + " " + key + ": key " + ref.path("key").asText())
                            .isNotNull();
                }
                env.put(key, translate(value, podIp, mounts));
            }
            if (vault != null && env.containsKey("PAYGUARD_KMS_VAULT_KUBERNETES_ROLE")) {
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                String jwt = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                Files.writeString(Path.of(env.get("PAYGUARD_KMS_VAULT_KUBERNETES_JWT_PATH")), jwt);
                vault.kubernetesRole(env.get("PAYGUARD_KMS_VAULT_KUBERNETES_ROLE"), jwt);
            }

            String portName = container.path("ports").get(0).path("name").asText();
            int containerPort =
                    container.path("ports").get(0).path("containerPort").asInt();

            JsonNode limits = container.path("resources").path("limits");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-XX:MaxRAM=" + bytes(limits.path("memory").asText()),
                    "-XX:ActiveProcessorCount="
                            + Math.max(
                                    1, (int) Math.ceil(cpus(limits.path("cpu").asText())))));
            Path report = dir.resolve("unread-env.txt");
            Files.deleteIfExists(report);
            command.add("-Dpayguard.config.unread-env-report=" + report);
            command.add("-jar");
            command.add(repo().resolve(name)
                    .resolve("target/quarkus-app/quarkus-run.jar")
                    .toString());
            container.path("args").forEach(a -> command.add(expand(a.asText(), env)));
            Path log = dir.resolve(name + ".log");
            var builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();

            JsonNode svc = docs.stream()
                    .filter(d -> d.path("kind").asText().equals("Service")
                            && selects(
                                    d.path("spec").path("selector"),
                                    deployment
                                            .path("spec")
                                            .path("template")
                                            .path("metadata")
                                            .path("labels")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": no Service selects its pods"));
            JsonNode servicePort = svc.path("spec").path("ports").get(0);
            String target = servicePort.path("targetPort").asText();
            assertThat(target)
                    .as(name + ": the Service's targetPort names the container port")
                    .isIn(portName, Integer.toString(containerPort));
            var forwarder =
                    new ServiceForwarder(clusterIp, servicePort.path("port").asInt(), podIp, containerPort);
            var pod = new Pod(name, podIp, env, container, process, report, log, forwarder, containerPort);
            pod.ports.put(portName, containerPort);
            return pod;
        }

        /** The declared probes, on the declared (named) port of the pod's address; 127.0.0.1 on that port must not answer. */
        void probesAnswer() throws Exception {
            JsonNode startup = container.path("startupProbe").path("httpGet");
            Instant deadline = Instant.now().plus(READY_WITHIN);
            int status = pollUntilOk(probeUrl(startup), deadline);
            assertThat(status)
                    .as(name + " startup probe " + startup.path("path").asText() + " within " + READY_WITHIN + " (log "
                            + log + ")")
                    .isEqualTo(200);
            assertThat(get(probeUrl(container.path("livenessProbe").path("httpGet")), null))
                    .as(name + " liveness")
                    .isEqualTo(200);
            JsonNode readiness = container.path("readinessProbe").path("httpGet");
            status = pollUntilOk(probeUrl(readiness), deadline);
            assertThat(status)
                    .as(name + " readiness probe " + readiness.path("path").asText() + " (log " + log + ")")
                    .isEqualTo(200);
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", containerPort), 1000);
                throw new AssertionError(
                        name + " answers on 127.0.0.1:" + containerPort + ": it binds loopback, not the pod address");
            } catch (ConnectException expected) {
                // nothing of this pod listens on 127.0.0.1 (nor on the wildcard)
            }
        }

        /**
         * Calls {@code url} once a second until it answers 200 or {@code deadline} passes (Awaitility); fails at once if the
         * process exits. Returns the last status, which the caller asserts with its own message.
         */
        private int pollUntilOk(String url, Instant deadline) {
            int[] last = {get(url, null)};
            Duration left = Duration.between(Instant.now(), deadline);
            if (last[0] == 200 || left.isNegative() || left.isZero()) {
                return last[0];
            }
            try {
                await().atMost(left)
                        .pollDelay(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            assertThat(process.isAlive())
                                    .as(name + " exited: see " + log)
                                    .isTrue();
                            last[0] = get(url, null);
                            return last[0] == 200;
                        });
            } catch (ConditionTimeoutException timedOut) {
                // the caller's assertion on the last status names the probe, the deadline and the log
            }
            return last[0];
        }

        private String probeUrl(JsonNode httpGet) {
            String port = httpGet.path("port").asText();
            Integer number = ports.containsKey(port) ? ports.get(port) : Integer.valueOf(port);
            assertThat(httpGet.path("scheme").asText("HTTP")).isEqualTo("HTTP");
            return "http://" + podIp + ":" + number + httpGet.path("path").asText();
        }

        /** GET /v1/me through the Service with a real token from the stack's Keycloak: the caller the service sees. */
        void aRouteAnswersThroughTheService() throws Exception {
            String token = Keycloak.clientCredentials(
                    "payguard-payment-service", Stack.get("PAYGUARD_PAYMENT_SERVICE_SECRET"));
            String url = "http://" + service.address + ":" + service.port + "/v1/me";
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(name + " GET " + url + ": " + response.body())
                    .isEqualTo(200);
            assertThat(response.body()).as(name).contains("subject");
            assertThat(get(url, null)).as(name + " without a token").isEqualTo(401);
        }

        void stop() throws InterruptedException {
            service.close();
            process.destroy(); // SIGTERM, as the kubelet after the preStop sleep
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(name + " did not stop within 60 s of SIGTERM");
            }
        }

        List<String> unreadEnvironment() throws IOException {
            assertThat(report)
                    .as(name + ": the unread-env report is written at exit (log " + log + ")")
                    .exists();
            return Files.readAllLines(report).stream().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Kubernetes' $(VAR) expansion: a reference to a variable defined earlier in the list is replaced, others stay. */
    static String expand(String value, Map<String, String> earlier) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(earlier.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** The pod's own addresses and volumes: 0.0.0.0 is the pod address, a path under a mount points into its directory. */
    static String translate(String value, String podIp, Map<String, Path> mounts) {
        if (value.equals("0.0.0.0")) {
            return podIp;
        }
        for (var mount : mounts.entrySet()) {
            if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
                return mount.getValue() + value.substring(mount.getKey().length());
            }
        }
        return value;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        assertThat(m.matches()).as("memory quantity " + quantity).isTrue();
        long unit = m.group(2) == null
                ? 1
                : switch (m.group(2)) {
                    case "Ki" -> 1L << 10;
                    case "Mi" -> 1L << 20;
                    default -> 1L << 30;
                };
        return Long.parseLong(m.group(1)) * unit;
    }

    static double cpus(String quantity) {
        return quantity.endsWith("m")
                ? Integer.parseInt(quantity.substring(0, quantity.length() - 1)) / 1000.0
                : Double.parseDouble(quantity);
    }

    private static int get(String url, String token) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Secrets the dev values name: the stack's database logins and a fresh local-KMS master key. */
    private static Map<String, Map<String, String>> secrets() throws IOException {
        Map<String, String> stack = new HashMap<>();
        for (String line : Files.readAllLines(StackProcesses.home().resolve("secrets.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                stack.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<String, Map<String, String>> secrets = new HashMap<>();
        for (String key : List.of("auth", "payment", "wallet", "audit")) {
            secrets.put(
                    "payguard-" + key + "-db",
                    Map.of(
                            "username",
                            key + "_service",
                            "password",
                            stack.get("PAYGUARD_" + key.toUpperCase() + "_DB_PASSWORD")));
        }
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        secrets.put(
                "payguard-kms-master", Map.of("master-key", Base64.getEncoder().encodeToString(master)));
        return secrets;
    }

    private static List<JsonNode> render(Map<String, Object> sets) throws IOException {
        Path chart = repo().resolve("deploy/k8s/payguard");
        var cmd = new Helm(chart)
                .template()
                .withName("payguard")
                .withNamespace("payguard")
                .withValuesFile(chart.resolve("values-dev.yaml"));
        for (var e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(cmd.call())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** SIGTERM to one of the stack's services (its ./dev pid file) and wait until it is gone; ./dev down copes. */
    private static void stopStackService(String service) throws Exception {
        Path pidFile = StackProcesses.home().resolve("pids").resolve(service + ".pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var handle = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        if (handle.isPresent()) {
            handle.get().destroy();
            handle.get().onExit().get(90, TimeUnit.SECONDS);
        }
    }

    /** ./dev's PostgreSQL port: 15432 plus the stack's offset (read off its Kafka port, 19092 plus the same offset). */
    private static int postgresPort() {
        String kafka = Stack.get("KAFKA_BOOTSTRAP_SERVERS");
        return 15432 + Integer.parseInt(kafka.substring(kafka.lastIndexOf(':') + 1)) - 19092;
    }

    static Path repo() {
        return Path.of(System.getProperty("payguard.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A Service's cluster address and port in front of one pod: plain TCP forwarding, both directions. */
    private static final class ServiceForwarder implements AutoCloseable {
        final String address;
        final int port;
        private final ServerSocket server;

        ServiceForwarder(String address, int port, String podIp, int targetPort) throws IOException {
            this.address = address;
            this.port = port;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(podIp, targetPort);
                        Thread.ofVirtual().start(() -> pump(client, upstream));
                        Thread.ofVirtual().start(() -> pump(upstream, client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
