package io.payguard.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @Test
    void readsTheInterpreterAndNeededLibrariesOfTheBuildJdk() throws Exception {
        var launcher = NativeLibraries.read(JAVA_HOME.resolve("bin/java"));
        assertThat(launcher.interpreter())
                .hasValueSatisfying(i -> assertThat(i).startsWith("/").contains("ld-"));
        var jvm = NativeLibraries.read(JAVA_HOME.resolve("lib/server/libjvm.so"));
        assertThat(jvm.interpreter()).isEmpty();
        assertThat(jvm.needed()).contains("libc.so.6");
    }

    @Test
    void closureHasTheCLibraryAndNotWhatTheRuntimeCarries() throws Exception {
        var libs = NativeLibraries.ofHost(Path.of("/")).closure(JAVA_HOME.resolve("lib/server"), Path.of("/"));
        assertThat(libs.keySet()).anyMatch(p -> p.endsWith("/libc.so.6"));
        assertThat(libs.keySet()).noneMatch(p -> p.endsWith("/libjvm.so"));
        libs.values().forEach(l -> assertThat(l.source()).isRegularFile());
    }

    @Test
    void aLibraryNowhereOnTheSearchPathFailsTheBuild(@TempDir Path emptyRoot) throws Exception {
        Path runtime = Files.createDirectories(emptyRoot.resolve("rt"));
        Files.copy(JAVA_HOME.resolve("lib/server/libjvm.so"), runtime.resolve("libjvm.so"));
        var none = new NativeLibraries(List.of(emptyRoot.resolve("lib")));
        assertThatThrownBy(() -> none.closure(runtime, emptyRoot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".so")
                .hasMessageContaining("is in none of");
    }
}
