package io.payguard.platform.web.signature;

import java.util.Map;

/** The parameters of a signature PayGuard reads; {@code failure} says what is wrong with them, null when nothing. */
record SignatureParams(Long created, Long expires, String keyId, String nonce, String alg, String failure) {

    static SignatureParams of(Map<String, Object> params) {
        Object created = params.get("created");
        Object keyId = params.get("keyid");
        Object nonce = params.get("nonce");
        Object alg = params.get("alg");
        Object expires = params.get("expires");
        String keyText = keyId instanceof String s && s.length() <= 64 ? s : null;
        String failure = null;
        if (!(created instanceof Long)) {
            failure = "created (an integer) is required";
        } else if (keyText == null || keyText.isEmpty()) {
            failure = "keyid (a string of at most 64 characters) is required";
        } else if (!(nonce instanceof String n) || n.length() < 16 || n.length() > 128) {
            failure = "nonce (a string of 16 to 128 characters) is required";
        } else if (alg != null && !(alg instanceof String)) {
            failure = "alg must be a string";
        } else if (expires != null && !(expires instanceof Long)) {
            failure = "expires must be an integer";
        }
        return new SignatureParams(
                created instanceof Long c ? c : null,
                expires instanceof Long e ? e : null,
                keyText,
                nonce instanceof String n ? n : null,
                alg instanceof String a ? a : null,
                failure);
    }
}
