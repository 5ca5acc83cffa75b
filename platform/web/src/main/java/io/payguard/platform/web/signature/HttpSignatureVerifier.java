package io.payguard.platform.web.signature;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies one RFC 9421 HTTP message signature of a request, with PayGuard's profile: exactly one signature (any
 * label); covered components {@code "@method"}, {@code "@target-uri"}, {@code "content-digest"} when the request has a
 * body and {@code "idempotency-key"} when the operation takes one (more may be covered); parameters {@code created},
 * {@code keyid} and {@code nonce} (16 to 128 characters) required, {@code alg} optional but then the key's,
 * {@code expires} honoured; {@code created} within {@code maxSkew} of now; the {@code Content-Digest} (RFC 9530,
 * {@code sha-256} and/or {@code sha-512}) checked against the body bytes; a (keyid, nonce) seen before refused. No input
 * makes it throw: every failure is a {@link Refused} with a stable reason.
 */
public final class HttpSignatureVerifier {

    /** Why a request was refused; {@link #code()} is the problem's {@code code}. */
    public enum Reason {
        SIGNATURE_REQUIRED,
        SIGNATURE_INVALID,
        SIGNATURE_EXPIRED,
        SIGNATURE_REPLAYED,
        CONTENT_DIGEST_MISMATCH,
        UNKNOWN_SIGNING_KEY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A key the verifier may accept: its id, algorithm ({@link SigningKeyFormat} names) and whether it is active. */
    public record VerificationKey(String keyId, String alg, PublicKey key, boolean active) {}

    /**
     * The request as received. {@code headers} answers every line of a field (lower-case name), empty when absent;
     * {@code targetUri} is the absolute URI the client addressed (see the README on proxies).
     */
    public record Request(
            String method,
            String targetUri,
            Function<String, List<String>> headers,
            byte[] body,
            boolean takesIdempotencyKey) {}

    public sealed interface Outcome permits Absent, Verified, Refused {}

    /** No signature at all: the caller decides whether one was required. */
    public record Absent() implements Outcome {}

    public record Verified(String keyId) implements Outcome {}

    public record Refused(Reason reason, String detail, String keyId) implements Outcome {}

    /** Remembers (keyid, nonce) pairs; true the first time a pair is seen. */
    @FunctionalInterface
    public interface NonceCache {
        boolean firstUse(String keyId, String nonce);
    }

    private final Duration maxSkew;
    private final NonceCache nonces;

    public HttpSignatureVerifier(Duration maxSkew, NonceCache nonces) {
        this.maxSkew = maxSkew;
        this.nonces = nonces;
    }

    public Outcome verify(Request request, Function<String, Optional<VerificationKey>> keys, Instant now) {
        try {
            return check(request, keys, now);
        } catch (StructuredFields.Malformed | RuntimeException e) {
            return new Refused(Reason.SIGNATURE_INVALID, "malformed signature fields", null);
        } catch (java.security.GeneralSecurityException e) {
            return new Refused(Reason.SIGNATURE_INVALID, "the signature does not verify", null);
        }
    }

    private Outcome check(Request request, Function<String, Optional<VerificationKey>> keys, Instant now)
            throws StructuredFields.Malformed, java.security.GeneralSecurityException {
        String inputField = joined(request, "signature-input");
        String signatureField = joined(request, "signature");
        if (inputField == null && signatureField == null) {
            return new Absent();
        }
        if (inputField == null || signatureField == null) {
            return invalid("Signature-Input and Signature are sent together", null);
        }
        var inputs = StructuredFields.dictionary(inputField);
        var signatures = StructuredFields.dictionary(signatureField);
        if (inputs.size() != 1) {
            return invalid("exactly one signature is accepted", null);
        }
        var label = inputs.keySet().iterator().next();
        if (!(inputs.get(label) instanceof StructuredFields.InnerList covered)
                || !(signatures.get(label) instanceof StructuredFields.Item sigItem)
                || !(sigItem.value() instanceof byte[] signature)) {
            return invalid("Signature-Input and Signature must carry the same label", null);
        }
        var params = SignatureParams.of(covered.params());
        if (params.failure() != null) {
            return invalid(params.failure(), params.keyId());
        }
        String missing = missingComponent(covered, request);
        if (missing != null) {
            return invalid("the signature must cover " + missing, params.keyId());
        }
        if (outsideWindow(params, now)) {
            return new Refused(Reason.SIGNATURE_EXPIRED, "created is outside the accepted window", params.keyId());
        }
        var key = keys.apply(params.keyId()).filter(VerificationKey::active).orElse(null);
        if (key == null) {
            return new Refused(Reason.UNKNOWN_SIGNING_KEY, "no active signing key of that keyid", params.keyId());
        }
        if (params.alg() != null && !params.alg().equals(key.alg())) {
            return invalid("alg is not the key's algorithm", params.keyId());
        }
        String base = SignatureBase.of(covered, request);
        if (base == null) {
            return invalid("a covered component is absent or not supported", params.keyId());
        }
        var verifier = Signature.getInstance(SigningKeyFormat.jcaAlgorithm(key.alg()));
        verifier.initVerify(key.key());
        verifier.update(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!verifier.verify(signature)) {
            return invalid("the signature does not verify", params.keyId());
        }
        var digest = digestFailure(request);
        if (digest != null) {
            return new Refused(Reason.CONTENT_DIGEST_MISMATCH, digest, params.keyId());
        }
        if (!nonces.firstUse(params.keyId(), params.nonce())) {
            return new Refused(Reason.SIGNATURE_REPLAYED, "this keyid and nonce were used already", params.keyId());
        }
        return new Verified(params.keyId());
    }

    private boolean outsideWindow(SignatureParams params, Instant now) {
        return Math.abs(now.getEpochSecond() - params.created()) > maxSkew.toSeconds()
                || (params.expires() != null && now.getEpochSecond() > params.expires());
    }

    private static Refused invalid(String detail, String keyId) {
        return new Refused(Reason.SIGNATURE_INVALID, detail, keyId);
    }

    static String joined(Request request, String name) {
        List<String> lines = request.headers().apply(name);
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        return String.join(", ", lines.stream().map(String::strip).toList());
    }

    private static String missingComponent(StructuredFields.InnerList covered, Request request) {
        var names = new HashSet<String>();
        for (var item : covered.items()) {
            if (!(item.value() instanceof String name) || !item.params().isEmpty() || !names.add(name)) {
                return "each component once, as a plain string";
            }
        }
        boolean hasBody = request.body() != null && request.body().length > 0;
        for (String required : List.of("@method", "@target-uri", "content-digest", "idempotency-key")) {
            boolean needed = switch (required) {
                case "content-digest" -> hasBody;
                case "idempotency-key" -> request.takesIdempotencyKey();
                default -> true;
            };
            if (needed && !names.contains(required)) {
                return "\"" + required + "\"";
            }
        }
        return null;
    }

    /** Null when the body matches every known digest of {@code Content-Digest} (or there is no body and no field). */
    private static String digestFailure(Request request) throws StructuredFields.Malformed {
        String field = joined(request, "content-digest");
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (field == null) {
            return body.length == 0 ? null : "a request with a body needs Content-Digest";
        }
        int checked = 0;
        for (Map.Entry<String, Object> member :
                StructuredFields.dictionary(field).entrySet()) {
            String jca = switch (member.getKey()) {
                case "sha-256" -> "SHA-256";
                case "sha-512" -> "SHA-512";
                default -> null;
            };
            if (jca == null) {
                continue;
            }
            if (!(member.getValue() instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] sent)) {
                return "Content-Digest values are byte sequences";
            }
            if (!MessageDigest.isEqual(sent, sha(jca, body))) {
                return "the body does not match Content-Digest " + member.getKey();
            }
            checked++;
        }
        return checked == 0 ? "Content-Digest needs sha-256 or sha-512" : null;
    }

    static byte[] sha(String jca, byte[] body) {
        try {
            return MessageDigest.getInstance(jca).digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
