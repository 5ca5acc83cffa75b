package io.payguard.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CycloneDX 1.6 JSON SBOM of what one image holds, made from the image's own files rather than from Maven's view:
 * every jar under /app (Maven coordinates from Quarkus' quarkus-app-dependencies.txt, SHA-256 of the file shipped),
 * the jlinked Java runtime with its modules, and each C library copied into the base. Reproducible: the timestamp is
 * the commit's, the serial number is derived from the content.
 */
final class ImageSbom {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ImageSbom() {}

    static void write(Path out, String service, String version, SourceInfo source, Path app, BaseImage.Result base)
            throws IOException {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.6");
        bom.put("version", 1);
        metadata(bom.putObject("metadata"), service, version, source);
        ArrayNode components = bom.putArray("components");
        addJars(components, app, version);
        addRuntime(components, base);

        byte[] body = JSON.writeValueAsBytes(bom);
        bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(body));
        ObjectNode ordered = JSON.createObjectNode();
        for (String k : List.of("bomFormat", "specVersion", "serialNumber", "version", "metadata", "components")) {
            ordered.set(k, bom.get(k));
        }
        Files.write(out, JSON.writeValueAsBytes(ordered));
    }

    /** When, by which tool, and the image itself (name, version, source revision). */
    private static void metadata(ObjectNode metadata, String service, String version, SourceInfo source) {
        metadata.put("timestamp", source.created().toString());
        ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
        tool.put("type", "application");
        tool.put("name", "payguard-images");
        tool.put("version", version);
        ObjectNode image = metadata.putObject("component");
        image.put("type", "container");
        image.put("bom-ref", "image");
        image.put("name", "payguard/" + service);
        image.put("version", version);
        property(image, "org.opencontainers.image.revision", source.revision());
        property(image, "org.opencontainers.image.source", source.url());
    }

    /** Every jar under /app: a Maven library where Quarkus lists its coordinates, else a file of the build. */
    private static void addJars(ArrayNode components, Path app, String version) throws IOException {
        Map<String, String> coordinatesByFile = coordinatesByFileName(app);
        try (var walk = Files.walk(app)) {
            for (Path jar :
                    walk.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String rel = app.relativize(jar).toString().replace('\\', '/');
                ObjectNode c = components.addObject();
                String gav = coordinatesByFile.get(jar.getFileName().toString());
                if (gav != null) {
                    String[] p = gav.split(":", -1);
                    c.put("type", "library");
                    c.put(
                            "bom-ref",
                            "pkg:maven/" + p[0] + "/" + p[1] + "@" + p[4]
                                    + (p[2].isEmpty() ? "" : "?classifier=" + p[2]));
                    c.put("group", p[0]);
                    c.put("name", p[1]);
                    c.put("version", p[4]);
                    c.put("purl", c.get("bom-ref").asText());
                } else {
                    // Quarkus' own build output (quarkus-run.jar, generated and transformed bytecode) and the app jar.
                    c.put("type", rel.startsWith("app/") ? "application" : "file");
                    c.put("bom-ref", "file:" + ServiceImage.APP + "/" + rel);
                    c.put("name", ServiceImage.APP + "/" + rel);
                    c.put("version", version);
                }
                hash(c, jar);
                property(c, "payguard:image:path", ServiceImage.APP + "/" + rel);
            }
        }
    }

    /** The jlinked runtime with its modules, and each C library copied into the base. */
    private static void addRuntime(ArrayNode components, BaseImage.Result base) throws IOException {
        ObjectNode jre = components.addObject();
        jre.put("type", "framework");
        jre.put("bom-ref", "java-runtime");
        jre.put("supplier", base.javaVendor());
        jre.put("name", "OpenJDK runtime (jlink)");
        jre.put("version", base.javaVersion());
        jre.put("purl", "pkg:generic/openjdk@" + base.javaVersion());
        property(jre, "payguard:image:path", BaseImage.JAVA_HOME);
        property(jre, "payguard:java:modules", String.join(",", base.modules()));
        for (NativeLibraries.Library lib : base.libraries().values()) {
            ObjectNode c = components.addObject();
            c.put("type", "file");
            c.put("bom-ref", "file:" + lib.imagePath());
            c.put("name", lib.imagePath());
            hash(c, lib.source());
            property(c, "payguard:host:source", lib.source().toString());
        }
    }

    private static Map<String, String> coordinatesByFileName(Path app) throws IOException {
        Path list = app.resolve("quarkus-app-dependencies.txt");
        Map<String, String> byName = new java.util.HashMap<>();
        if (!Files.exists(list)) {
            return byName;
        }
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String[] p = line.trim().split(":", -1);
            if (p.length != 5) {
                continue;
            }
            // Quarkus names lib/ jars <groupId>.<artifactId>-<version>[-<classifier>].<type>
            String name = p[0] + "." + p[1] + "-" + p[4] + (p[2].isEmpty() ? "" : "-" + p[2]) + "." + p[3];
            byName.put(name, line.trim());
        }
        return byName;
    }

    private static void hash(ObjectNode component, Path file) throws IOException {
        ObjectNode h = component.putArray("hashes").addObject();
        h.put("alg", "SHA-256");
        h.put("content", sha256(file));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void property(ObjectNode component, String name, String value) {
        ArrayNode props = component.has("properties")
                ? (ArrayNode) component.get("properties")
                : component.putArray("properties");
        ObjectNode p = props.addObject();
        p.put("name", name);
        p.put("value", value);
    }
}
