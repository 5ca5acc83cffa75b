package io.payguard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.kernel.failure.ApplicationException.Kind;

/** Application refusals become problems in one place: a status per kind, the code and detail kept, Retry-After when due. */
class ProblemMappersTest {

    @Test
    void everyKindHasItsOwnClientErrorOr503() {
        var statuses =
                EnumSet.allOf(Kind.class).stream().map(ProblemMappers::statusOf).toList();
        assertThat(statuses).doesNotHaveDuplicates().allMatch(s -> (s >= 400 && s < 500) || s == 503);
    }

    @Test
    void aRefusalKeepsItsCodeTitleAndDetail() {
        var response = ProblemMappers.application(
                ApplicationException.stateConflict("no_challenge", "No challenge", "nothing to answer"), "c-1");
        assertThat(response.getStatus()).isEqualTo(409);
        var problem = (Problem) response.getEntity();
        assertThat(problem.code()).isEqualTo("no_challenge");
        assertThat(problem.title()).isEqualTo("No challenge");
        assertThat(problem.detail()).isEqualTo("nothing to answer");
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void tooSoonAndUnavailableSayWhenToRetry() {
        var tooSoon = ProblemMappers.application(
                ApplicationException.tooSoon("sca_resend_too_soon", "Too soon", null, Duration.ofSeconds(30)), "c-2");
        assertThat(tooSoon.getStatus()).isEqualTo(429);
        assertThat(tooSoon.getHeaderString("Retry-After")).isEqualTo("30");
        var unavailable = ProblemMappers.application(
                ApplicationException.unavailable("merchant_directory_loading", "Loading", null, null), "c-3");
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString("Retry-After"))
                .isEqualTo(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS));
    }

    @Test
    void aProblemExceptionKeepsItsExplicitStatusAndIsAnApplicationRefusalToo() {
        var e = new ProblemException(413, "payload_too_large", "Too large", null);
        assertThat(e).isInstanceOf(ApplicationException.class);
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(new ProblemException(409, "x", "X", null).kind().isFinalAnswer())
                .isFalse();
        assertThat(new ProblemException(422, "x", "X", null).kind().isFinalAnswer())
                .isTrue();
    }

    @Test
    void theStoredBodyOfARefusalMatchesWhatTheMapperAnswers() {
        var refused =
                ApplicationException.refused("idempotency_key_reused", "Idempotency-Key reused", "different request");
        assertThat(ProblemMappers.problemOf(refused, "c-4").status()).isEqualTo(422);
        assertThat(ProblemMappers.problemOf(new ProblemException(413, "too_large", "Too large", null), "c-5")
                        .status())
                .isEqualTo(413);
    }
}
