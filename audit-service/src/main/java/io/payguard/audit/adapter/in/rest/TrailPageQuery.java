package io.payguard.audit.adapter.in.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters the trail's searches share: a time range [from, to) (ISO-8601 instants, either end open), the
 * keyset cursor {@code after}, the page size {@code limit} (1 to 1000) and {@code unmasked} (compliance officers only).
 */
public record TrailPageQuery(
        @QueryParam("from") String from,
        @QueryParam("to") String to,
        @QueryParam("after") @DefaultValue("0") long after,
        @QueryParam("limit") @DefaultValue("100") int limit,
        @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {}
