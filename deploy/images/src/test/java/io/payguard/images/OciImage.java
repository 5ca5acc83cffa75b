package io.payguard.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OCI image archive (oci-layout + index.json + blobs/sha256/*, one manifest) or a Docker-format archive
 * (manifest.json), read without any container tool and without extracting it: its config and the union of its
 * layers' file entries. The archive is read in place (random access to its tar entries); each layer is streamed once
 * through gunzip and tar, and the result is kept by digest, so the base layers every service image shares are read
 * once for all of them. Every archive's blobs are still hashed and compared with their digests.
 *
 * <p>While a layer is streamed it is also searched for secrets ({@link Layer#findings()}): {@value #PEM_KEY} in every
 * regular file but jars (the whole file, whatever its size), and inside each jar a {@code .dev*} directory or
 * {@value #PEM_KEY} in an entry that is named like a key or secret or is a properties or YAML file. Only those jar
 * entries are inflated; the rest of a jar is read from its central directory.
 */
final class OciImage {

    static final String PEM_KEY = "PRIVATE KEY-----";
    static final Pattern SECRET_FILE = Pattern.compile(
            "(?i).*(\\.pem|\\.key|\\.p12|\\.pfx|\\.jks|\\.keystore|\\.env|id_rsa.*|id_ed25519.*|secrets?\\..*)$");
    /** A .dev* directory (the local stack's .dev/, .dev-faults/) inside a jar. */
    static final Pattern DEV_DIR_IN_JAR = Pattern.compile("(^|/)\\.dev[^/]*/");
    /** Files up to this size keep their bytes in {@link Entry#smallContent()}. */
    static final int SMALL = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PEM_KEY_BYTES = PEM_KEY.getBytes(StandardCharsets.US_ASCII);
    /** Layers already read, by the digest of their compressed blob. */
    private static final Map<String, Layer> LAYERS = new ConcurrentHashMap<>();

    /** One file system entry (in the flattened image a later layer's entry replaces an earlier one). */
    record Entry(
            String path,
            int mode,
            long uid,
            long gid,
            long size,
            boolean directory,
            boolean symlink,
            String sha256,
            byte[] smallContent) {
        boolean executable() {
            return (mode & 0111) != 0;
        }
    }

    /** One layer as read: its uncompressed digest (the config's diff_id), entries and what the secret search found. */
    record Layer(String diffId, List<Entry> entries, List<String> findings) {}

    final Path archive;
    final Map<String, byte[]> files = new HashMap<>();
    final JsonNode index;
    final JsonNode manifest;
    final JsonNode config;
    final List<String> layerDigests = new ArrayList<>();
    final List<Layer> layers = new ArrayList<>();
    final Map<String, Entry> entries = new LinkedHashMap<>();

    private OciImage(Path archive) throws IOException {
        this.archive = archive;
        try (TarFile tar = new TarFile(archive)) {
            Map<String, TarArchiveEntry> byName = new HashMap<>();
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isFile()) {
                    byName.put(e.getName(), e);
                }
            }
            List<String> layerFiles = new ArrayList<>();
            if (byName.containsKey("index.json")) {
                read(tar, byName, "oci-layout");
                index = JSON.readTree(read(tar, byName, "index.json"));
                manifest = JSON.readTree(read(
                        tar, byName, blobPath(index.at("/manifests/0/digest").asText())));
                config = JSON.readTree(
                        read(tar, byName, blobPath(manifest.at("/config/digest").asText())));
                for (JsonNode layer : manifest.get("layers")) {
                    layerDigests.add(layer.get("digest").asText());
                    layerFiles.add(blobPath(layer.get("digest").asText()));
                }
            } else {
                index = null;
                manifest = JSON.readTree(read(tar, byName, "manifest.json")).get(0);
                config = JSON.readTree(read(tar, byName, manifest.get("Config").asText()));
                for (JsonNode layer : manifest.get("Layers")) {
                    layerFiles.add(layer.asText());
                    layerDigests.add(null);
                }
            }
            for (int i = 0; i < layerFiles.size(); i++) {
                TarArchiveEntry blob = entry(byName, layerFiles.get(i));
                // The blob's digest, from this archive's bytes (cheap: no gunzip).
                String digest;
                try (InputStream in = tar.getInputStream(blob)) {
                    digest = "sha256:" + sha256(in);
                }
                if (layerDigests.get(i) == null) {
                    layerDigests.set(i, digest);
                } else if (!digest.equals(layerDigests.get(i))) {
                    throw new IllegalStateException(archive + ": blob " + layerFiles.get(i) + " has digest " + digest);
                }
                Layer layer = LAYERS.get(digest);
                if (layer == null) {
                    try (InputStream in = tar.getInputStream(blob)) {
                        layer = scanLayer(in);
                    }
                    LAYERS.put(digest, layer);
                }
                layers.add(layer);
                layer.entries().forEach(e -> entries.put(e.path(), e));
            }
        }
    }

    static OciImage open(Path archive) throws IOException {
        return new OciImage(archive);
    }

    private static String blobPath(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    private static TarArchiveEntry entry(Map<String, TarArchiveEntry> byName, String name) {
        TarArchiveEntry e = byName.get(name);
        if (e == null) {
            throw new IllegalStateException(name + " missing from the archive");
        }
        return e;
    }

    private byte[] read(TarFile tar, Map<String, TarArchiveEntry> byName, String name) throws IOException {
        try (InputStream in = tar.getInputStream(entry(byName, name))) {
            byte[] bytes = in.readAllBytes();
            files.put(name, bytes);
            return bytes;
        }
    }

    /** The config's diff_ids (the digests of the uncompressed layers). */
    List<String> diffIds() {
        List<String> ids = new ArrayList<>();
        config.at("/rootfs/diff_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** Every layer's secret-search findings, "path: what". */
    List<String> findings() {
        return layers.stream().flatMap(l -> l.findings().stream()).toList();
    }

    /** Reads one gzipped layer tar: entries, SHA-256 of every regular file, the diff_id, the secret search. */
    static Layer scanLayer(InputStream gzipped) throws IOException {
        MessageDigest diff = newSha256();
        List<Entry> entries = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        var raw = new DigestInputStream(new GZIPInputStream(new BufferedInputStream(gzipped, 1 << 16), 1 << 16), diff);
        try (var in = new TarArchiveInputStream(raw)) {
            byte[] buf = new byte[1 << 16];
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String path = "/"
                        + e.getName()
                                .replaceFirst("^\\./", "")
                                .replaceFirst("^/", "")
                                .replaceFirst("/$", "");
                byte[] content = null;
                String sha = null;
                if (e.isFile()) {
                    MessageDigest md = newSha256();
                    if (path.endsWith(".jar")) {
                        byte[] jar = in.readAllBytes();
                        md.update(jar);
                        scanJar(path, jar, findings);
                        content = jar.length <= SMALL ? jar : null;
                    } else {
                        PemSearch pem = new PemSearch();
                        var small = e.getSize() <= SMALL ? new java.io.ByteArrayOutputStream((int) e.getSize()) : null;
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                            pem.update(buf, n);
                            if (small != null) {
                                small.write(buf, 0, n);
                            }
                        }
                        if (pem.found) {
                            findings.add(path + ": contains " + PEM_KEY);
                        }
                        content = small != null ? small.toByteArray() : null;
                    }
                    sha = HexFormat.of().formatHex(md.digest());
                }
                entries.add(new Entry(
                        path,
                        e.getMode() & 07777,
                        e.getLongUserId(),
                        e.getLongGroupId(),
                        e.getSize(),
                        e.isDirectory(),
                        e.isSymbolicLink(),
                        sha,
                        content));
            }
            // The rest of the stream (tar's end blocks) belongs to the diff_id too.
            raw.transferTo(OutputStream.nullOutputStream());
        }
        return new Layer(
                "sha256:" + HexFormat.of().formatHex(diff.digest()), List.copyOf(entries), List.copyOf(findings));
    }

    /** Names from the central directory; only key-, secret-, properties- and YAML-looking entries are inflated. */
    static void scanJar(String path, byte[] jar, List<String> findings) throws IOException {
        try (var zip = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(jar))
                .get()) {
            for (var it = zip.getEntries(); it.hasMoreElements(); ) {
                ZipArchiveEntry z = it.nextElement();
                String name = z.getName().toLowerCase(Locale.ROOT);
                if (DEV_DIR_IN_JAR.matcher(name).find()) {
                    findings.add(path + "!" + z.getName() + ": local-stack (.dev*) entry");
                }
                if (!z.isDirectory()
                        && (SECRET_FILE.matcher(name).matches()
                                || name.endsWith(".properties")
                                || name.endsWith(".yaml")
                                || name.endsWith(".yml"))) {
                    PemSearch pem = new PemSearch();
                    try (InputStream in = zip.getInputStream(z)) {
                        byte[] buf = new byte[8192];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            pem.update(buf, n);
                        }
                    }
                    if (pem.found) {
                        findings.add(path + "!" + z.getName() + ": contains " + PEM_KEY);
                    }
                }
            }
        }
    }

    /** Writes the first {@code count} layers (regular files, directories, symlinks) under {@code root}. */
    void extractLayers(Path root, int count) throws IOException {
        try (TarFile tar = new TarFile(archive)) {
            Map<String, TarArchiveEntry> byName = new HashMap<>();
            tar.getEntries().forEach(e -> byName.put(e.getName(), e));
            for (int i = 0; i < count; i++) {
                String digest = layerDigests.get(i);
                TarArchiveEntry blob = byName.containsKey(blobPath(digest))
                        ? byName.get(blobPath(digest))
                        : entry(byName, manifest.get("Layers").get(i).asText());
                try (var in = new TarArchiveInputStream(new GZIPInputStream(tar.getInputStream(blob), 1 << 16))) {
                    for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                        Path p = root.resolve(
                                        e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""))
                                .normalize();
                        if (!p.startsWith(root)) {
                            throw new IllegalStateException("layer entry outside the root: " + e.getName());
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(p);
                        } else if (e.isSymbolicLink()) {
                            Files.createDirectories(p.getParent());
                            Files.deleteIfExists(p);
                            Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                        } else if (e.isFile()) {
                            Files.createDirectories(p.getParent());
                            Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            if ((e.getMode() & 0111) != 0) {
                                p.toFile().setExecutable(true, false);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Finds {@value #PEM_KEY} in a stream of buffers, across buffer boundaries (KMP). */
    static final class PemSearch {
        private static final int[] FAIL = failure(PEM_KEY_BYTES);
        private int matched;
        boolean found;

        void update(byte[] b, int len) {
            if (found) {
                return;
            }
            for (int i = 0; i < len; i++) {
                while (matched > 0 && b[i] != PEM_KEY_BYTES[matched]) {
                    matched = FAIL[matched - 1];
                }
                if (b[i] == PEM_KEY_BYTES[matched] && ++matched == PEM_KEY_BYTES.length) {
                    found = true;
                    return;
                }
            }
        }

        private static int[] failure(byte[] p) {
            int[] f = new int[p.length];
            for (int i = 1, k = 0; i < p.length; i++) {
                while (k > 0 && p[i] != p[k]) {
                    k = f[k - 1];
                }
                if (p[i] == p[k]) {
                    k++;
                }
                f[i] = k;
            }
            return f;
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
