package io.payguard.images;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.spi.ToolProvider;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;

/**
 * The base image every service image starts from, made from the build's own JDK: a jlinked runtime in /opt/java, the
 * C libraries it links against (copied from this machine), /etc/passwd and /etc/group with the service user, and
 * nothing else (no shell, no package manager, no /bin). Written as a Docker-format archive, the form Jib reads as a
 * {@code tar://} base.
 */
final class BaseImage {

    static final String JAVA_HOME = "/opt/java";
    /** The uid/gid the chart runs every container as (global.securityContext); Red Hat's OpenJDK images use it too. */
    static final int UID = 185;
    /** Jib's own reproducible file time; nothing in an image carries the time of the build. */
    static final Instant FILE_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

    /**
     * java.desktop's native parts that need X11 or ALSA (absent here and useless in a pod): the module is in the image
     * for java.beans, and the JVM runs headless.
     */
    static final List<String> DESKTOP_ONLY =
            List.of("**/libawt_xawt.so", "**/libjawt.so", "**/libsplashscreen.so", "**/libjsound.so");

    record Result(
            Path archive,
            String reference,
            String digest,
            String javaVersion,
            String javaVendor,
            List<String> modules,
            Map<String, NativeLibraries.Library> libraries,
            Path runtime) {}

    private BaseImage() {}

    static Result build(Path work, List<String> modules, java.util.function.UnaryOperator<Containerizer> caches)
            throws Exception {
        Path runtime = work.resolve("runtime");
        deleteRecursively(runtime);
        Files.createDirectories(work);
        jlink(modules, runtime);
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(runtime.resolve("release"))) {
            release.load(in);
        }
        String javaVersion = unquote(release.getProperty("JAVA_VERSION"));
        String vendor = release.getProperty("IMPLEMENTOR") != null
                ? unquote(release.getProperty("IMPLEMENTOR"))
                : System.getProperty("java.vendor");

        Map<String, NativeLibraries.Library> libs =
                NativeLibraries.ofHost(Path.of("/")).closure(runtime, Path.of("/"));

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "payguard/base-jre");
        labels.put(
                "org.opencontainers.image.description",
                "jlinked Java runtime (" + vendor + " " + javaVersion + ") on a root file system without shell");
        labels.put("org.opencontainers.image.version", javaVersion);
        labels.put("io.payguard.java.modules", String.join(",", modules));

        String reference = "payguard/base-jre:" + javaVersion.replace('+', '_');
        Path archive = work.resolve("payguard-base-jre.docker.tar");
        JibContainer container = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setPlatforms(java.util.Set.of(ServiceImage.platform()))
                .setFileEntriesLayers(systemLayer(work, libs), runtimeLayer(runtime))
                .setEnvironment(environment())
                .setUser(UID + ":" + UID)
                .setWorkingDirectory(AbsoluteUnixPath.get("/tmp"))
                .setLabels(labels)
                .setCreationTime(Instant.EPOCH)
                .containerize(caches.apply(Containerizer.to(TarImage.at(archive).named(reference))));
        return new Result(
                archive, reference, container.getDigest().toString(), javaVersion, vendor, modules, libs, runtime);
    }

    /** /etc (users, groups, name service), the runtime's native libraries and a /tmp only the service user writes. */
    private static FileEntriesLayer systemLayer(Path work, Map<String, NativeLibraries.Library> libs)
            throws java.io.IOException {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/sbin/nologin
                payguard:x:%d:%d:PayGuard service:/tmp:/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
                """.formatted(UID, UID), StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), """
                root:x:0:
                payguard:x:%d:
                nogroup:x:65534:
                """.formatted(UID), StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("nsswitch.conf"), """
                passwd: files
                group: files
                hosts: files dns
                """, StandardCharsets.UTF_8);
        Path emptyDir = Files.createDirectories(work.resolve("empty"));

        FileEntriesLayer.Builder system = FileEntriesLayer.builder().setName("system");
        for (String f : List.of("passwd", "group", "nsswitch.conf")) {
            system.addEntry(new FileEntry(
                    etc.resolve(f),
                    AbsoluteUnixPath.get("/etc/" + f),
                    FilePermissions.fromOctalString("644"),
                    FILE_TIME));
        }
        for (NativeLibraries.Library lib : libs.values()) {
            system.addEntry(new FileEntry(
                    lib.source(),
                    AbsoluteUnixPath.get(lib.imagePath()),
                    FilePermissions.fromOctalString("755"),
                    FILE_TIME));
        }
        // Writable only by the service user; the chart mounts an emptyDir over it and keeps the root read-only.
        system.addEntry(new FileEntry(
                emptyDir,
                AbsoluteUnixPath.get("/tmp"),
                FilePermissions.fromOctalString("700"),
                FILE_TIME,
                UID + ":" + UID));
        return system.build();
    }

    /** The jlinked runtime under JAVA_HOME, executables 755 and the rest 644. */
    private static FileEntriesLayer runtimeLayer(Path runtime) throws java.io.IOException {
        FileEntriesLayer.Builder runtimeLayer = FileEntriesLayer.builder().setName("java-runtime");
        List<Path> files;
        try (var walk = Files.walk(runtime)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            boolean exec = Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_EXECUTE);
            runtimeLayer.addEntry(new FileEntry(
                    f,
                    AbsoluteUnixPath.get(JAVA_HOME + "/" + runtime.relativize(f)),
                    FilePermissions.fromOctalString(exec ? "755" : "644"),
                    FILE_TIME));
        }
        return runtimeLayer.build();
    }

    /**
     * In a fixed order: Jib writes the config's Env in the map's order, and Map.of's order changes from one JVM to the
     * next (its hash salt is random), which gave one base two digests.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", JAVA_HOME);
        env.put("PATH", JAVA_HOME + "/bin");
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private static void jlink(List<String> modules, Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("jlink not found: the images need a full JDK, not a JRE"));
        List<String> args = new ArrayList<>(List.of(
                "--add-modules",
                String.join(",", modules),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--exclude-files=" + String.join(",", DESKTOP_ONLY),
                "--output",
                output.toString()));
        StringWriter out = new StringWriter();
        int rc = jlink.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("jlink " + args + " failed (" + rc + "):\n" + out);
        }
    }

    private static String unquote(String s) {
        return s == null ? "unknown" : s.replaceAll("^\"|\"$", "");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
