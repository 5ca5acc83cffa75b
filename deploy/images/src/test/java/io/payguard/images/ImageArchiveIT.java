package io.payguard.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Opens each service's OCI archive as `package` wrote it and checks what a cluster would rely on: the user, the
 * entrypoint and the files it runs, the ports, labels, SBOM, that no shell, package manager, secret or local-stack
 * file is inside, that the service user can write nothing but /tmp, the size budget, and that the chart's image
 * name, tag, user and container ports agree with the images.
 */
class ImageArchiveIT {

    /** Compressed archive size per service image (measured 2026-12: see README). */
    static final long SIZE_BUDGET_BYTES = 160L * 1024 * 1024;

    static final Path REPO = Path.of(System.getProperty("payguard.repo.dir", "../.."));
    static final Path WORK = Path.of(System.getProperty("payguard.images.work", "target/images"));
    static final String VERSION = System.getProperty("payguard.project.version");
    static final List<String> SERVICES = Arrays.asList(System.getProperty(
                    "payguard.images.services", "auth-service,payment-service,wallet-service,audit-service,web")
            .split(","));
    static final Set<String> SHELLS =
            Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "csh", "tcsh", "busybox", "toybox");
    static final Set<String> PACKAGE_MANAGERS =
            Set.of("apt", "apt-get", "dpkg", "apk", "yum", "dnf", "microdnf", "rpm", "pip", "npm");
    static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, OciImage> IMAGES = new ConcurrentHashMap<>();

    static JsonNode chartValues;
    static JsonNode chart;
    static OciImage base;

    @BeforeAll
    static void readChartAndBase() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        chartValues =
                yaml.readTree(REPO.resolve("deploy/k8s/payguard/values.yaml").toFile());
        chart = yaml.readTree(REPO.resolve("deploy/k8s/payguard/Chart.yaml").toFile());
        base = OciImage.open(WORK.resolve("base/payguard-base-jre.docker.tar"));
    }

    static List<String> services() {
        return SERVICES;
    }

    /** Each archive is read once, whichever test asks first (and the layers they share once for all). */
    static OciImage image(String service) throws IOException {
        OciImage image = IMAGES.get(service);
        if (image == null) {
            long start = System.nanoTime();
            image = OciImage.open(archive(service));
            IMAGES.put(service, image);
            System.out.printf("[images] %s read in %.1f s%n", service, (System.nanoTime() - start) / 1e9);
        }
        return image;
    }

    /** The module's Maven artifactId: the service's name; the web app (module web/) is web-app. */
    static String artifactId(String service) {
        return service.equals("web") ? "web-app" : service;
    }

    static Path archive(String service) {
        return REPO.resolve(service).resolve("target").resolve(service + "-" + VERSION + "-oci.tar");
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageIsWhatTheChartRuns(String service) throws IOException {
        Path archive = archive(service);
        assertThat(archive).as("run ./mvnw package -pl deploy/images -am first").isRegularFile();
        long size = Files.size(archive);
        OciImage image = image(service);
        JsonNode cfg = image.config.get("config");
        System.out.printf(
                "[images] %s: %.1f MiB compressed, %.1f MiB in files, %d layers%n",
                service,
                size / 1048576.0,
                image.entries.values().stream().mapToLong(OciImage.Entry::size).sum() / 1048576.0,
                image.layerDigests.size());

        // The archive is a well-formed OCI image layout whose blobs match their digests.
        assertThat(new String(image.files.get("oci-layout"), StandardCharsets.UTF_8))
                .contains("imageLayoutVersion");
        assertThat(image.manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        // (open() hashed every blob of this archive and compared it with its digest; it throws on a mismatch.)
        assertThat(image.layers)
                .extracting(OciImage.Layer::diffId)
                .as("diff_ids of the layers read")
                .isEqualTo(image.diffIds());
        assertThat(image.config.get("os").asText()).isEqualTo("linux");

        // Name and tag: <registry>/<repositoryPrefix>/<services.<svc>.name>:<appVersion> in the chart.
        String refName = image.index
                .at("/manifests/0/annotations")
                .get("org.opencontainers.image.ref.name")
                .asText();
        assertThat(refName)
                .isEqualTo(chartValues.at("/global/image/repositoryPrefix").asText() + "/" + chartServiceName(service)
                        + ":" + chart.get("appVersion").asText());
        assertThat(chart.get("appVersion").asText()).isEqualTo(VERSION);

        // User: numeric, not root, the uid/gid the chart runs the containers as.
        String[] user = cfg.get("User").asText().split(":");
        assertThat(Long.parseLong(user[0]))
                .isNotZero()
                .isEqualTo(chartValues.at("/global/securityContext/runAsUser").asLong());
        assertThat(Long.parseLong(user[1]))
                .isEqualTo(chartValues.at("/global/securityContext/runAsGroup").asLong());
        assertThat(new String(image.entries.get("/etc/passwd").smallContent(), StandardCharsets.UTF_8))
                .contains(":" + user[0] + ":" + user[1] + ":");

        // Entrypoint runs the service's fast-jar with the image's own Java.
        List<String> entrypoint = new ArrayList<>();
        cfg.get("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
        assertThat(entrypoint).isEqualTo(ServiceImage.ENTRYPOINT);
        assertThat(cfg.path("Cmd").isMissingNode()
                        || cfg.get("Cmd").isNull()
                        || cfg.get("Cmd").isEmpty())
                .isTrue();
        assertThat(image.entries.get(entrypoint.get(0))).isNotNull().matches(OciImage.Entry::executable);
        OciImage.Entry runner = image.entries.get("/app/quarkus-run.jar");
        assertThat(runner).isNotNull();
        try (var jar = new JarInputStream(new ByteArrayInputStream(runner.smallContent()))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        }
        assertThat(image.entries)
                .containsKeys(
                        "/app/quarkus/quarkus-application.dat",
                        "/app/app/" + artifactId(service) + "-" + VERSION + ".jar");
        assertThat(cfg.get("WorkingDir").asText()).isEqualTo("/app");

        // Ports: exactly the chart's container ports (8080, or 8443 with global.tls.enabled).
        Set<String> ports = new HashSet<>();
        cfg.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).isEqualTo(chartContainerPorts());

        // Labels (OCI annotation keys).
        JsonNode labels = cfg.get("Labels");
        for (String key : List.of("title", "version", "revision", "created", "source", "base.name", "base.digest")) {
            assertThat(labels.path("org.opencontainers.image." + key).asText())
                    .as(key)
                    .isNotBlank();
        }
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
        assertThat(labels.get("org.opencontainers.image.revision").asText()).matches("[0-9a-f]{40}(-dirty)?|unknown");
        Instant.parse(labels.get("org.opencontainers.image.created").asText());

        // Built on the base archive: its layers come first, unchanged.
        assertThat(image.diffIds()).startsWith(base.diffIds().toArray(String[]::new));
        assertThat(labels.get("org.opencontainers.image.base.name").asText()).startsWith("payguard/base-jre:");

        // No shell, no package manager, no /bin: nothing to exec into but java.
        for (OciImage.Entry e : image.entries.values()) {
            String name = e.path().substring(e.path().lastIndexOf('/') + 1);
            assertThat(SHELLS).as(e.path()).doesNotContain(name);
            assertThat(PACKAGE_MANAGERS).as(e.path()).doesNotContain(name);
            assertThat(e.path())
                    .doesNotStartWith("/bin/")
                    .doesNotStartWith("/sbin/")
                    .doesNotStartWith("/usr/bin/")
                    .doesNotStartWith("/usr/sbin/");
        }

        // No secret and nothing of the local stack (.dev/, .dev-faults/) in the image or inside its jars: names here,
        // contents (every file; in jars the key, secret, properties and YAML entries) while the layers were read.
        for (OciImage.Entry e : image.entries.values()) {
            assertThat(e.path()).as("local-stack file").doesNotContainPattern("/\\.dev[^/]*(/|$)");
            if (!e.directory() && !e.symlink()) {
                assertThat(e.path()).as("secret-looking file").doesNotMatch(OciImage.SECRET_FILE);
            }
        }
        assertThat(image.findings()).as("secrets or .dev entries in the files").isEmpty();

        // Read-only for the service user: everything root-owned and not group/other-writable, except /tmp.
        for (OciImage.Entry e : image.entries.values()) {
            if (e.path().equals("/tmp")) {
                assertThat(e.uid()).isEqualTo(Long.parseLong(user[0]));
                continue;
            }
            assertThat(e.uid()).as(e.path()).isZero();
            assertThat(e.mode() & 022).as(e.path()).isZero();
        }

        // SBOM beside the archive, the same one inside, covering every jar shipped (by SHA-256) and the runtime.
        Path sbomFile = archive.resolveSibling(service + "-" + VERSION + "-sbom.cdx.json");
        assertThat(image.entries.get(ServiceImage.SBOM_PATH).smallContent()).isEqualTo(Files.readAllBytes(sbomFile));
        JsonNode sbom = JSON.readTree(sbomFile.toFile());
        assertThat(sbom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(sbom.get("specVersion").asText()).isEqualTo("1.6");
        assertThat(sbom.get("serialNumber").asText()).startsWith("urn:uuid:");
        Set<String> sbomHashes = new HashSet<>();
        sbom.get("components")
                .forEach(c -> sbomHashes.add(c.at("/hashes/0/content").asText()));
        image.entries.values().stream()
                .filter(e -> e.path().startsWith("/app/") && e.path().endsWith(".jar"))
                .forEach(
                        e -> assertThat(sbomHashes).as("SBOM lists " + e.path()).contains(e.sha256()));
        assertThat(sbom.get("components").findValuesAsText("bom-ref")).contains("java-runtime");

        assertThat(size)
                .as("%s archive size (budget %d MiB)", service, SIZE_BUDGET_BYTES >> 20)
                .isLessThanOrEqualTo(SIZE_BUDGET_BYTES);
    }

    /**
     * The root file system carries everything the Java launcher needs to be loaded: its program interpreter and every
     * C library its ELF files name, found where the loader looks. Then the image's Java runs (from the extracted
     * tree, with this machine's loader) and has the modules the base was linked with.
     */
    @Test
    void rootFileSystemRunsItsJava(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        OciImage image = image(SERVICES.get(0));
        // The base's layers, the service's first ones (imageIsWhatTheChartRuns checks they are the base's).
        image.extractLayers(tmp, base.layerDigests.size());
        var libs = NativeLibraries.ofHost(tmp).closure(tmp.resolve("opt/java"), tmp);
        assertThat(libs.keySet()).contains(interpreter(tmp));
        for (String path : libs.keySet()) {
            assertThat(tmp.resolve(path.substring(1))).as(path).isRegularFile();
        }

        Process p = new ProcessBuilder(tmp.resolve("opt/java/bin/java").toString(), "--list-modules")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Set<String> modules = new HashSet<>();
        out.lines().map(l -> l.replaceFirst("@.*", "")).forEach(modules::add);
        String expected = image.config
                .at("/config/Labels")
                .get("io.payguard.java.modules")
                .asText();
        // The modules asked for and what they require, none of the JDK's development tools.
        assertThat(modules)
                .containsAll(Arrays.asList(expected.split(",")))
                .doesNotContain("jdk.compiler", "jdk.jlink", "jdk.jshell", "jdk.jdeps", "jdk.jdwp.agent", "jdk.attach");
    }

    private static String interpreter(Path root) throws IOException {
        return NativeLibraries.read(root.resolve("opt/java/bin/java"))
                .interpreter()
                .orElseThrow();
    }

    private static String chartServiceName(String service) {
        if (service.equals(chartValues.path("web").path("name").asText())) {
            return chartValues.get("web").get("name").asText(); // the web app (web.name), deployed by web.yaml
        }
        for (JsonNode svc : chartValues.get("services")) {
            if (service.equals(svc.path("name").asText())) {
                return svc.get("name").asText();
            }
        }
        throw new AssertionError("no services.<svc>.name " + service + " in the chart's values.yaml");
    }

    /** The container ports deployment.yaml can declare, read from the chart's payguard.containerPort helper. */
    private static Set<String> chartContainerPorts() throws IOException {
        String helpers = Files.readString(REPO.resolve("deploy/k8s/payguard/templates/_helpers.tpl"));
        Matcher def = Pattern.compile(
                        "define \"payguard.containerPort\"(.*?)\\{\\{- end -}}\\s*$",
                        Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(helpers);
        assertThat(def.find()).as("payguard.containerPort in _helpers.tpl").isTrue();
        Set<String> ports = new HashSet<>();
        Matcher port = Pattern.compile("(?<=}})(\\d+)").matcher(def.group(1));
        while (port.find()) {
            ports.add(port.group(1) + "/tcp");
        }
        assertThat(ports).isNotEmpty();
        return ports;
    }
}
