package io.payguard.audit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The domain is plain Java: no framework imports, no wall clock, no random ids (they come from outside). */
class DomainPurityTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import (jakarta|javax\\.persistence|io\\.quarkus|io\\.smallrye|org\\.hibernate|io\\.vertx|com\\.fasterxml|org\\.eclipse\\.microprofile)\\."
                    + "|Instant\\.now\\(|UUID\\.randomUUID\\(|new Random\\(|System\\.currentTimeMillis\\(", Pattern.MULTILINE);

    @Test
    void domainSourcesUseNoFrameworkClockOrRandomness() throws IOException {
        Path domain = Path.of("src/main/java/io/payguard/audit/domain");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(domain)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path source : sources) {
            assertThat(FORBIDDEN.matcher(Files.readString(source)).find()).as(source.toString()).isFalse();
        }
    }
}
