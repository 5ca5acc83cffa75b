package io.payguard.audit.adapter.in.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters the trail's searches share: a time range [from, to) (ISO-8601 instants, either end open), the
 * keyset cursor {@code after}, the page size {@code limit} (1 to 1000) and {@code unmasked} (compliance officers only).
 */
public record TrailPageQuery(
        @QueryParam("from")
        @Parameter(
                description = "From this ISO-8601 instant (inclusive)",
                schema = @Schema(maxLength = 37, format = "date-time"))
        String from,

        @QueryParam("to")
        @Parameter(
                description = "Up to this ISO-8601 instant (exclusive)",
                schema = @Schema(maxLength = 37, format = "date-time"))
        String to,

        @QueryParam("after")
        @DefaultValue("0")
        @Parameter(
                description = "nextCursor of the previous page",
                schema = @Schema(minimum = "-9223372036854775808", maximum = "9223372036854775807", format = "int64"))
        long after,

        @QueryParam("limit")
        @DefaultValue("100")
        @Parameter(
                description = "Records at most, 1 to 1000",
                schema = @Schema(minimum = "1", maximum = "1000", format = "int32"))
        int limit,

        @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {}
