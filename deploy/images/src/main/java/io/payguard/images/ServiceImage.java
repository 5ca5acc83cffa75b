package io.payguard.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;

/**
 * One service's image: the base image (read from its archive with {@code tar://}) plus the Quarkus fast-jar in /app,
 * in three layers ordered by how often they change (third-party jars, PayGuard's own library jars, the application),
 * and the image's SBOM. Files are owned by root and not writable by the service user. Written as an OCI archive.
 */
final class ServiceImage {

    static final String APP = "/app";
    static final String SBOM_PATH = APP + "/sbom.cdx.json";
    /** 8080 plain HTTP, 8443 HTTPS: the container ports the chart declares (payguard.containerPort). */
    static final String PORTS = "8080/tcp,8443/tcp";

    static final List<String> ENTRYPOINT = List.of(
            BaseImage.JAVA_HOME + "/bin/java",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-jar",
            APP + "/quarkus-run.jar");

    record Result(Path archive, Path sbom, String reference, String digest) {}

    private ServiceImage() {}

    static Platform platform() {
        String arch = System.getProperty("os.arch");
        return new Platform(
                arch.equals("x86_64") || arch.equals("amd64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch,
                "linux");
    }

    static Result build(
            String service,
            Path serviceDir,
            String version,
            SourceInfo source,
            BaseImage.Result base,
            UnaryOperator<Containerizer> caches)
            throws Exception {
        Path app = serviceDir.resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + "/quarkus-run.jar is missing: package " + service + " first");
        }
        Path target = serviceDir.resolve("target");
        String stem = service + "-" + version;
        Path archive = target.resolve(stem + "-oci.tar");
        Path sbom = target.resolve(stem + "-sbom.cdx.json");

        List<FileEntriesLayer> layers = appLayers(app);
        Map<String, String> labels = labels(service, version, source, base);
        String reference = "payguard/" + service + ":" + version;
        ImageSbom.write(sbom, service, version, source, app, base);
        FileEntriesLayer sbomLayer = FileEntriesLayer.builder()
                .setName("sbom")
                .addEntry(new FileEntry(
                        sbom,
                        AbsoluteUnixPath.get(SBOM_PATH),
                        FilePermissions.fromOctalString("644"),
                        BaseImage.FILE_TIME))
                .build();

        layers.add(sbomLayer);
        JibContainer container = Jib.from("tar://" + base.archive().toAbsolutePath())
                .setFormat(ImageFormat.OCI)
                .setPlatforms(Set.of(platform()))
                .setFileEntriesLayers(layers)
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(List.of())
                .setWorkingDirectory(AbsoluteUnixPath.get(APP))
                .setUser(BaseImage.UID + ":" + BaseImage.UID)
                .setExposedPorts(Ports.parse(List.of(PORTS.split(","))))
                .setLabels(labels)
                .setCreationTime(source.created())
                .containerize(caches.apply(Containerizer.to(TarImage.at(archive).named(reference))));
        Files.writeString(target.resolve(stem + "-oci.digest"), container.getDigest() + "\n");
        return new Result(archive, sbom, reference, container.getDigest().toString());
    }

    /** The fast-jar in three layers, from the least often changed: third-party jars, PayGuard's jars, the app. */
    private static List<FileEntriesLayer> appLayers(Path app) throws java.io.IOException {
        List<Path> files;
        try (var walk = Files.walk(app)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        FileEntriesLayer.Builder thirdParty = FileEntriesLayer.builder().setName("dependencies");
        FileEntriesLayer.Builder ours = FileEntriesLayer.builder().setName("payguard-libraries");
        FileEntriesLayer.Builder application = FileEntriesLayer.builder().setName("application");
        for (Path f : files) {
            String rel = app.relativize(f).toString().replace('\\', '/');
            FileEntry entry = new FileEntry(
                    f,
                    AbsoluteUnixPath.get(APP + "/" + rel),
                    FilePermissions.fromOctalString("644"),
                    BaseImage.FILE_TIME);
            if (rel.startsWith("lib/") && f.getFileName().toString().startsWith("io.payguard.")) {
                ours.addEntry(entry);
            } else if (rel.startsWith("lib/")) {
                thirdParty.addEntry(entry);
            } else {
                application.addEntry(entry);
            }
        }
        return new ArrayList<>(List.of(thirdParty.build(), ours.build(), application.build()));
    }

    /** The OCI annotations of the image: what it is, from which commit, on which base. */
    private static Map<String, String> labels(
            String service, String version, SourceInfo source, BaseImage.Result base) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", service);
        labels.put(
                "org.opencontainers.image.description",
                "PayGuard " + service + " (Quarkus fast-jar on " + base.reference() + ")");
        labels.put("org.opencontainers.image.vendor", "PayGuard");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", source.revision());
        labels.put("org.opencontainers.image.created", source.created().toString());
        labels.put("org.opencontainers.image.source", source.url());
        labels.put("org.opencontainers.image.base.name", base.reference());
        labels.put("org.opencontainers.image.base.digest", base.digest());
        labels.put("io.payguard.java.version", base.javaVersion());
        labels.put("io.payguard.sbom", SBOM_PATH);
        return labels;
    }
}
