package io.payguard.payment.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.payguard.platform.web.ProblemException;

/** Keyset pages: one row more than the limit means a next page, whose cursor names the page's last row. */
class PagesTest {

    @Test
    void aFullPageAndOneMoreRowHasANextCursorAfterItsLastRow() {
        var page = Pages.of(List.of(1, 2, 3), 2, i -> "row " + i, String::valueOf);
        assertThat(page.object()).isEqualTo("list");
        assertThat(page.data()).containsExactly("row 1", "row 2");
        assertThat(page.hasMore()).isTrue();
        assertThat(Pages.decode(page.nextCursor(), Function.identity())).isEqualTo("2");
    }

    @Test
    void theLastPageHasNoCursor() {
        var page = Pages.of(List.of(1, 2), 2, i -> i, String::valueOf);
        assertThat(page.data()).containsExactly(1, 2);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aLimitIsOneToAHundred() {
        Pages.requireLimit(1);
        Pages.requireLimit(100);
        assertThatThrownBy(() -> Pages.requireLimit(0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Pages.requireLimit(101))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void bothListsReadBackTheCursorsTheyWrite() {
        assertThat(IntentRequests.cursor(Pages.encode(IntentRequests.position(42))))
                .isEqualTo(42L);
        assertThat(IntentRequests.cursor(null)).isNull();
        var position = "2026-01-02T03:04:05Z|pi_0a1b";
        var cursor = PaymentReviewResource.Cursor.decode(Pages.encode(position));
        assertThat(cursor.paymentId()).isEqualTo("pi_0a1b");
        assertThat(cursor.openedAt()).hasToString("2026-01-02T03:04:05Z");
    }

    @Test
    void aMalformedCursorIsA400() {
        for (String bad : List.of("!!", Pages.encode("x1"), Pages.encode("s"), Pages.encode("no bar"))) {
            assertThatThrownBy(() -> IntentRequests.cursor(bad))
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> PaymentReviewResource.Cursor.decode(Pages.encode("yesterday|pi_1")))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
