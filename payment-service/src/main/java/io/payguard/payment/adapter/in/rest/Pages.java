package io.payguard.payment.adapter.in.rest;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination of the lists of this service: 1 to 100 rows a page, the store asked for one more to know whether
 * there is a next page, and an opaque cursor (URL-safe Base64 of the last row's position) to ask for it.
 */
final class Pages {

    private Pages() {}

    static void requireLimit(int limit) {
        if (limit < 1 || limit > 100) {
            throw RequestChecks.invalid("limit must be between 1 and 100");
        }
    }

    /** {@code rows}: up to {@code limit + 1} rows; {@code position}: a row's position, the cursor after it. */
    static <R, T> PaymentApi.Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> position) {
        boolean more = rows.size() > limit;
        var page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(position.apply(page.get(page.size() - 1))) : null;
        return new PaymentApi.Page<>("list", page.stream().map(view).toList(), more, next);
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in {@code cursor}, read by {@code parse} (which refuses a malformed one with an
     * IllegalArgumentException, a DateTimeException or an IndexOutOfBoundsException); a 400 problem for a bad cursor.
     */
    static <P> P decode(String cursor, Function<String, P> parse) {
        try {
            return parse.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException e) {
            throw RequestChecks.invalid("invalid cursor");
        }
    }
}
