package io.payguard.payment.adapter.in.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Formats of this service's ids and metadata, for the API models' {@code @Schema}s (what the code writes or checks). */
final class PaymentSchemas {

    /** {@code pi_} and 32 hex digits ({@code PaymentService}); a top-up's id is its payment's. */
    static final String INTENT_ID_PATTERN = "^pi_[0-9a-f]{32}$";

    /** {@code tok_} and 32 hex digits ({@code CardVault}). */
    static final String TOKEN_ID_PATTERN = "^tok_[0-9a-f]{32}$";

    /** An in-app payment's client secret ({@code ClientSecrets}): the intent id, {@code _secret_}, 32 letters/digits. */
    static final String CLIENT_SECRET_PATTERN = "^pi_[0-9a-f]{32}_secret_[A-Za-z0-9]{32}$";

    static final String METADATA = "Up to 20 keys of 1 to 40 letters, digits, '_', '.' or '-'; values of at most 500"
            + " characters without card numbers";

    private PaymentSchemas() {}

    /** A metadata value ({@code IntentRequests.metadata}). */
    @Schema(name = "MetadataValue", type = SchemaType.STRING, maxLength = 500)
    static final class MetadataValue {}
}
