package io.payguard.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** The layer scan ImageArchiveIT relies on finds what it must: its negative cases, on a layer made here. */
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
            file(tar, "app/lib/leaky.jar", jar("application.properties", "k=" + KEY, ".dev-faults/state.json", "{}",
                    "io/x/A.class", KEY));
            file(tar, "app/lib/clean.jar", jar("application.properties", "quarkus.http.port=8080\n"));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(uncompressed.toByteArray());
        }

        OciImage.Layer layer = OciImage.scanLayer(new ByteArrayInputStream(gz.toByteArray()));

        assertThat(layer.findings()).containsExactlyInAnyOrder(
                "/app/big.bin: contains PRIVATE KEY-----",
                "/app/lib/leaky.jar!application.properties: contains PRIVATE KEY-----",
                "/app/lib/leaky.jar!.dev-faults/state.json: local-stack (.dev*) entry");
        assertThat(layer.diffId()).isEqualTo("sha256:" + OciImage.sha256(uncompressed.toByteArray()));
        assertThat(layer.entries()).filteredOn(e -> e.path().equals("/app/big.bin")).singleElement()
                .satisfies(e -> {
                    assertThat(e.sha256()).isEqualTo(OciImage.sha256(bigFile));
                    assertThat(e.smallContent()).isNull();
                });
        assertThat(layer.entries()).filteredOn(e -> e.path().equals("/app/clean.txt")).singleElement()
                .satisfies(e -> assertThat(e.smallContent()).asString(StandardCharsets.UTF_8)
                        .isEqualTo("nothing to see\n"));
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
