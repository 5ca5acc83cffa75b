package io.payguard.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ImageArchiveIT relies on catches what it must: the negative cases, on layers and archives made here. */
class OciImageTest {

    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n-----END PRIVATE KEY-----\n";

    @Test
    void findsKeysInFilesOfAnySizeAndInJarsAndDevDirectoriesInJars() throws IOException {
        byte[] big = new byte[3 * (1 << 16) + 10];
        Arrays.fill(big, (byte) 'x');
        byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
        // Across the scanner's 64 KiB read buffer, in a file too large to be kept in memory.
        System.arraycopy(key, 0, big, 2 * (1 << 16) - 20, key.length);
        byte[] bigFile = Arrays.copyOf(big, OciImage.SMALL + 4096);

        ByteArrayOutputStream uncompressed = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(uncompressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            dir(tar, "app/");
            file(tar, "app/clean.txt", "nothing to see\n".getBytes(StandardCharsets.UTF_8));
            file(tar, "app/big.bin", bigFile);
            file(
                    tar,
                    "app/lib/leaky.jar",
                    jar("application.properties", "k=" + KEY, ".dev-faults/state.json", "{}", "io/x/A.class", KEY));
            file(tar, "app/lib/clean.jar", jar("application.properties", "quarkus.http.port=8080\n"));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(uncompressed.toByteArray());
        }

        OciImage.Layer layer = OciImage.scanLayer(new ByteArrayInputStream(gz.toByteArray()));

        assertThat(layer.findings())
                .containsExactlyInAnyOrder(
                        "/app/big.bin: contains PRIVATE KEY-----",
                        "/app/lib/leaky.jar!application.properties: contains PRIVATE KEY-----",
                        "/app/lib/leaky.jar!.dev-faults/state.json: local-stack (.dev*) entry");
        assertThat(layer.diffId()).isEqualTo("sha256:" + OciImage.sha256(uncompressed.toByteArray()));
        assertThat(layer.entries())
                .filteredOn(e -> e.path().equals("/app/big.bin"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.sha256()).isEqualTo(OciImage.sha256(bigFile));
                    assertThat(e.smallContent()).isNull();
                });
        assertThat(layer.entries())
                .filteredOn(e -> e.path().equals("/app/clean.txt"))
                .singleElement()
                .satisfies(e -> assertThat(e.smallContent())
                        .asString(StandardCharsets.UTF_8)
                        .isEqualTo("nothing to see\n"));
    }

    @Test
    void anArchiveWhoseLayerDoesNotMatchItsDigestIsRefused(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream layerTar = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(layerTar)) {
            file(tar, "etc/passwd", "root:x:0:0::/:/sbin/nologin\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(layerTar.toByteArray());
        }
        byte[] layer = gz.toByteArray();
        byte[] config = ("{\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[\"sha256:"
                        + OciImage.sha256(layerTar.toByteArray()) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Path good = ociArchive(dir.resolve("good.tar"), config, layer, layer);
        assertThat(OciImage.open(good).entries).containsKey("/etc/passwd");

        byte[] tampered = Arrays.copyOf(layer, layer.length);
        tampered[tampered.length - 9] ^= 1; // in the gzip trailer: the bytes no longer hash to the digest
        Path bad = ociArchive(dir.resolve("bad.tar"), config, layer, tampered);
        assertThatThrownBy(() -> OciImage.open(bad))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has digest");
    }

    /** An OCI layout with one manifest and one layer, the manifest naming {@code named}'s digest for {@code stored}. */
    private static Path ociArchive(Path out, byte[] config, byte[] named, byte[] stored) throws IOException {
        String layerDigest = OciImage.sha256(named);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"digest\":\"sha256:" + OciImage.sha256(config) + "\"},"
                + "\"layers\":[{\"digest\":\"sha256:" + layerDigest + "\"}]}";
        byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
        String index = "{\"manifests\":[{\"digest\":\"sha256:" + OciImage.sha256(manifestBytes) + "\"}]}";
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            file(tar, "index.json", index.getBytes(StandardCharsets.UTF_8));
            file(tar, "blobs/sha256/" + OciImage.sha256(manifestBytes), manifestBytes);
            file(tar, "blobs/sha256/" + OciImage.sha256(config), config);
            file(tar, "blobs/sha256/" + layerDigest, stored);
        }
        return out;
    }

    @Test
    void pemSearchMatchesAcrossBuffersAndAfterAFalseStart() {
        byte[] a = "xxPRIVATE KEY----PRIVATE KE".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "Y-----yy".getBytes(StandardCharsets.US_ASCII);
        var search = new OciImage.PemSearch();
        search.update(a, a.length);
        assertThat(search.found).isFalse();
        search.update(b, b.length);
        assertThat(search.found).isTrue();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] jar(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
