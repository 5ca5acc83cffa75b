package io.payguard.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an image comes from, for its OCI labels: the commit and the commit's time (not the build's, so two builds of
 * one commit give the same image), and the repository URL. Read with the git command; a tree without git gets
 * "unknown" and the epoch.
 */
record SourceInfo(String url, String revision, Instant created) {

    static SourceInfo of(Path repo, String configuredUrl) {
        Optional<String> head = git(repo, "rev-parse", "HEAD");
        String revision = head.map(h -> git(repo, "status", "--porcelain", "--untracked-files=no")
                        .filter(s -> !s.isBlank())
                        .map(s -> h + "-dirty")
                        .orElse(h))
                .orElse("unknown");
        Instant created = git(repo, "log", "-1", "--format=%ct")
                .map(s -> Instant.ofEpochSecond(Long.parseLong(s)))
                .orElse(Instant.EPOCH);
        String url = !configuredUrl.isBlank()
                ? configuredUrl
                : git(repo, "remote", "get-url", "origin")
                        .map(SourceInfo::withoutCredentials)
                        .orElse("unknown (no git remote; set -Dpayguard.images.source)");
        return new SourceInfo(url, revision, created);
    }

    /** https://user:token@host/x becomes https://host/x: a label is public. */
    static String withoutCredentials(String url) {
        return url.replaceFirst("^([a-z+]+://)[^/@]+@", "$1");
    }

    private static Optional<String> git(Path repo, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
