package io.payguard.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.LogEvent;

/**
 * Builds the base image and one OCI image per service, offline: {@code --repo=DIR --services=a,b --version=V
 * --modules=m1,m2 --source=URL --work=DIR}. Run by exec-maven-plugin in this module's {@code package} phase, after
 * the services are packaged.
 */
public final class BuildImages {

    private BuildImages() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Path repo = Path.of(required(args, "repo")).toRealPath();
        Path work = Path.of(required(args, "work")).toAbsolutePath();
        String version = required(args, "version");
        List<String> modules = Arrays.stream(required(args, "modules").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> services = Arrays.stream(required(args, "services").split(","))
                .map(String::trim)
                .toList();

        long start = System.nanoTime();
        UnaryOperator<Containerizer> caches = c -> c.setOfflineMode(true)
                .setBaseImageLayersCache(work.resolve("jib-cache/base"))
                .setApplicationLayersCache(work.resolve("jib-cache/application"))
                .setToolName("payguard-images")
                .setToolVersion(version)
                .addEventHandler(LogEvent.class, e -> {
                    if (e.getLevel() == LogEvent.Level.WARN || e.getLevel() == LogEvent.Level.ERROR) {
                        System.out.println("[jib] " + e.getMessage());
                    }
                });
        Files.createDirectories(work);
        BaseImage.Result base = BaseImage.build(work.resolve("base"), modules, caches);
        System.out.printf(
                "[images] base %s (%s %s, %d C libraries) %s -> %s (%d KiB)%n",
                base.reference(),
                base.javaVendor(),
                base.javaVersion(),
                base.libraries().size(),
                base.digest(),
                base.archive(),
                Files.size(base.archive()) / 1024);
        SourceInfo source = SourceInfo.of(repo, args.getOrDefault("source", ""));
        for (String service : services) {
            ServiceImage.Result r = ServiceImage.build(service, repo.resolve(service), version, source, base, caches);
            System.out.printf(
                    "[images] %s %s -> %s (%d KiB), SBOM %s%n",
                    r.reference(),
                    r.digest(),
                    r.archive(),
                    Files.size(r.archive()) / 1024,
                    r.sbom().getFileName());
        }
        System.out.printf("[images] %d images in %.1f s%n", services.size(), (System.nanoTime() - start) / 1e9);
    }

    private static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
