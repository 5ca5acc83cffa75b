package io.payguard.images;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image archive (oci-layout + index.json + blobs/sha256/*, one manifest) or a Docker-format archive
 * (manifest.json), opened without any container tool: its config and the union of its layers' file entries.
 */
final class OciImage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file system entry of the flattened image (a later layer's entry replaces an earlier one). */
    record Entry(String path, int mode, long uid, long gid, long size, boolean directory, boolean symlink,
            String sha256, byte[] smallContent) {
        boolean executable() {
            return (mode & 0111) != 0;
        }
    }

    final Map<String, byte[]> files = new HashMap<>();
    final JsonNode index;
    final JsonNode manifest;
    final JsonNode config;
    final List<String> layerDigests = new ArrayList<>();
    final Map<String, Entry> entries = new LinkedHashMap<>();

    private OciImage(Path archive, Predicate<String> keepContent) throws IOException {
        try (var in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        if (files.containsKey("index.json")) {
            index = JSON.readTree(files.get("index.json"));
            manifest = JSON.readTree(blob(index.at("/manifests/0/digest").asText()));
            config = JSON.readTree(blob(manifest.at("/config/digest").asText()));
            for (JsonNode layer : manifest.get("layers")) {
                layerDigests.add(layer.get("digest").asText());
                readLayer(blob(layer.get("digest").asText()), keepContent);
            }
        } else {
            index = null;
            manifest = JSON.readTree(files.get("manifest.json")).get(0);
            config = JSON.readTree(files.get(manifest.get("Config").asText()));
            for (JsonNode layer : manifest.get("Layers")) {
                layerDigests.add("sha256:" + sha256(files.get(layer.asText())));
                readLayer(files.get(layer.asText()), keepContent);
            }
        }
    }

    static OciImage open(Path archive, Predicate<String> keepContent) throws IOException {
        return new OciImage(archive, keepContent);
    }

    byte[] blob(String digest) {
        byte[] b = files.get("blobs/sha256/" + digest.substring("sha256:".length()));
        if (b == null) {
            throw new IllegalStateException("blob " + digest + " missing from the archive");
        }
        return b;
    }

    List<String> diffIds() {
        List<String> ids = new ArrayList<>();
        config.at("/rootfs/diff_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private void readLayer(byte[] gzipped, Predicate<String> keepContent) throws IOException {
        try (var in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(gzipped)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String path = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                byte[] content = null;
                String sha = null;
                if (e.isFile()) {
                    byte[] bytes = in.readAllBytes();
                    sha = sha256(bytes);
                    content = keepContent.test(path) ? bytes : null;
                }
                entries.put(path, new Entry(path, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                        e.getSize(), e.isDirectory(), e.isSymbolicLink(), sha, content));
            }
        }
    }

    /** Writes the flattened file system under {@code root} (regular files kept with {@code keepContent} only). */
    void extract(Path root) throws IOException {
        for (Entry e : entries.values()) {
            Path p = root.resolve(e.path().substring(1));
            if (e.directory()) {
                Files.createDirectories(p);
            } else if (e.smallContent() != null) {
                Files.createDirectories(p.getParent());
                Files.write(p, e.smallContent());
                if (e.executable()) {
                    p.toFile().setExecutable(true, false);
                }
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        return sha256(in.readAllBytes());
    }
}
