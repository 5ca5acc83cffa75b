package io.payguard.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Vault stand-in for tests: a real HTTP server speaking the part of Vault's HTTP API the KMS adapter uses, with
 * real cryptography, so a service configured with {@code payguard.kms.provider=vault} runs against it exactly as
 * against Vault, and nothing passes that a real Vault would refuse for the same reason.
 * <ul>
 * <li>Auth: {@code X-Vault-Token} required everywhere but the login; the root token given at start, or a token
 * issued by {@code POST auth/kubernetes/login} for a registered role and its service account JWT;
 * {@code GET auth/token/lookup-self}.</li>
 * <li>Transit ({@code transit/}): {@code keys/:name} (create with {@code type} aes256-gcm96, hmac or ed25519; read,
 * with the public keys of ed25519 versions; delete only after {@code keys/:name/config deletion_allowed}),
 * {@code keys/:name/rotate}, {@code encrypt}/{@code decrypt}/{@code rewrap} (AES-256-GCM, 96-bit nonce,
 * {@code associated_data} authenticated, ciphertext {@code vault:v<n>:base64(nonce|ct|tag)}), {@code datakey/plaintext|wrapped},
 * {@code hmac} (HMAC-SHA256), {@code sign}/{@code verify} (Ed25519 over the input, {@code key_version} honoured).</li>
 * <li>KV v2 ({@code secret/}): {@code data/:path} read and write.</li>
 * </ul>
 * Keys live in memory only. Every request is recorded ({@link #requests()}) so tests can show the service used it.
 */
public final class VaultStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):(.+)");

    private final HttpServer server;
    private final String rootToken;
    private final String transitMount;
    private final String kvMount;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> kubernetesRoles = new ConcurrentHashMap<>();
    private final Map<String, TransitKey> keys = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> kv = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private static final class TransitKey {
        final String type;
        final List<Object> versions = new ArrayList<>();
        final List<Instant> created = new ArrayList<>();
        boolean deletionAllowed;

        TransitKey(String type) {
            this.type = type;
        }

        synchronized int latest() {
            return versions.size();
        }

        synchronized Object version(int v) {
            return v >= 1 && v <= versions.size() ? versions.get(v - 1) : null;
        }
    }

    private static final class VaultError extends RuntimeException {
        final int status;

        VaultError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private VaultStandIn(String host, int port, String rootToken, String transitMount, String kvMount)
            throws IOException {
        this.rootToken = rootToken;
        this.transitMount = transitMount;
        this.kvMount = kvMount;
        tokens.add(rootToken);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** On 127.0.0.1, a free port, mounts {@code transit/} and {@code secret/}, with a random root token. */
    public static VaultStandIn start() {
        try {
            byte[] token = new byte[16];
            new SecureRandom().nextBytes(token);
            return new VaultStandIn(
                    "127.0.0.1",
                    0,
                    "hvs." + Base64.getUrlEncoder().withoutPadding().encodeToString(token),
                    "transit",
                    "secret");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Vault stand-in", e);
        }
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    public String rootToken() {
        return rootToken;
    }

    /** Lets {@code auth/kubernetes/login} issue a token for {@code role} to whoever presents exactly {@code serviceAccountJwt}. */
    public VaultStandIn kubernetesRole(String role, String serviceAccountJwt) {
        kubernetesRoles.put(role, serviceAccountJwt);
        return this;
    }

    /** "METHOD /v1/path" of every request so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Names of the transit keys that exist now. */
    public Set<String> transitKeys() {
        return Set.copyOf(keys.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring("/v1/".length());
        requests.add(method + " /v1/" + path);
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Object answer;
            try {
                answer = route(method, path, body, exchange.getRequestHeaders().getFirst("X-Vault-Token"));
            } catch (VaultError e) {
                respond(exchange, e.status, Map.of("errors", List.of(e.getMessage())));
                return;
            } catch (RuntimeException e) {
                respond(exchange, 400, Map.of("errors", List.of(String.valueOf(e.getMessage()))));
                return;
            }
            if (answer == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                respond(exchange, 200, answer);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Object route(String method, String path, JsonNode body, String token) {
        Matcher login = Pattern.compile("auth/([^/]+)/login").matcher(path);
        if (login.matches() && method.equals("POST")) {
            return kubernetesLogin(login.group(1), body);
        }
        if (token == null || !tokens.contains(token)) {
            throw new VaultError(403, "permission denied");
        }
        if (path.equals("auth/token/lookup-self") && method.equals("GET")) {
            return Map.of(
                    "data",
                    Map.of(
                            "id",
                            token,
                            "accessor",
                            accessor(token),
                            "policies",
                            List.of(token.equals(rootToken) ? "root" : "payguard"),
                            "ttl",
                            3600,
                            "renewable",
                            !token.equals(rootToken),
                            "display_name",
                            "token"));
        }
        if (path.startsWith(transitMount + "/")) {
            return transit(method, path.substring(transitMount.length() + 1), body);
        }
        if (path.startsWith(kvMount + "/data/")) {
            return kv(method, path.substring((kvMount + "/data/").length()), body);
        }
        throw new VaultError(404, "no handler for route \"" + path + "\"");
    }

    private Object kubernetesLogin(String mount, JsonNode body) {
        String role = body.path("role").asText("");
        String jwt = body.path("jwt").asText("");
        if (!mount.equals("kubernetes") || !jwt.equals(kubernetesRoles.get(role))) {
            throw new VaultError(403, "permission denied");
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = "hvs.k8s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.add(token);
        return Map.of(
                "auth",
                Map.of(
                        "client_token",
                        token,
                        "accessor",
                        accessor(token),
                        "policies",
                        List.of("default", role),
                        "token_policies",
                        List.of("default", role),
                        "lease_duration",
                        3600,
                        "renewable",
                        true,
                        "metadata",
                        Map.of("role", role)));
    }

    private static String accessor(String token) {
        return Integer.toHexString(token.hashCode());
    }

    private Object kv(String method, String path, JsonNode body) {
        if (method.equals("GET")) {
            JsonNode data = kv.get(path);
            if (data == null) {
                throw new VaultError(404, "");
            }
            return Map.of(
                    "data",
                    Map.of(
                            "data",
                            data,
                            "metadata",
                            Map.of("version", 1, "created_time", Instant.EPOCH.toString(), "destroyed", false)));
        }
        if (method.equals("POST") || method.equals("PUT")) {
            kv.put(path, body.path("data"));
            return Map.of(
                    "data", Map.of("version", 1, "created_time", Instant.now().toString(), "destroyed", false));
        }
        throw new VaultError(405, "unsupported operation");
    }

    private Object transit(String method, String path, JsonNode body) {
        String[] parts = path.split("/");
        String op = parts[0];
        if (op.equals("keys")
                && (parts.length == 2
                        || parts.length == 3 && Set.of("config", "rotate").contains(parts[2]))) {
            return keyAdmin(method, parts, body);
        }
        if (parts.length < 2) {
            throw new VaultError(404, "no handler for route");
        }
        return switch (op) {
            case "encrypt" -> {
                TransitKey key = keys.computeIfAbsent(parts[1], n -> newKey("aes256-gcm96"));
                yield data(
                        "ciphertext",
                        encrypt(key, decode(body, "plaintext"), optional(body, "associated_data")),
                        "key_version",
                        key.latest());
            }
            case "decrypt" ->
                data(
                        "plaintext",
                        b64(decrypt(
                                existing(parts[1]),
                                body.path("ciphertext").asText(),
                                optional(body, "associated_data"))));
            case "rewrap" -> {
                TransitKey key = existing(parts[1]);
                yield data(
                        "ciphertext",
                        encrypt(key, decrypt(key, body.path("ciphertext").asText(), null), null),
                        "key_version",
                        key.latest());
            }
            case "datakey" -> dataKeyOp(parts, body);
            case "hmac" -> hmacOp(parts, body);
            case "sign" -> signOp(parts[1], body);
            case "verify" -> verifyOp(parts[1], body);
            default -> throw new VaultError(404, "no handler for route \"" + transitMount + "/" + path + "\"");
        };
    }

    /** {@code keys/:name} (read, create, delete), {@code keys/:name/config} and {@code keys/:name/rotate}. */
    private Object keyAdmin(String method, String[] parts, JsonNode body) {
        if (parts.length == 3) {
            TransitKey key = existing(parts[1]);
            if (parts[2].equals("rotate")) {
                addVersion(key);
            } else if (body.has("deletion_allowed")) {
                key.deletionAllowed = body.path("deletion_allowed").asBoolean();
            }
            return null;
        }
        return switch (method) {
            case "GET" -> readKey(parts[1]);
            case "POST", "PUT" -> {
                keys.computeIfAbsent(parts[1], name -> newKey(body.path("type").asText("aes256-gcm96")));
                yield null;
            }
            case "DELETE" -> {
                TransitKey key = existing(parts[1]);
                if (!key.deletionAllowed) {
                    throw new VaultError(400, "deletion is not allowed for this key");
                }
                keys.remove(parts[1]);
                yield null;
            }
            default -> throw new VaultError(405, "unsupported operation");
        };
    }

    private Object dataKeyOp(String[] parts, JsonNode body) {
        if (parts.length != 3 || !(parts[1].equals("plaintext") || parts[1].equals("wrapped"))) {
            throw new VaultError(400, "invalid type");
        }
        TransitKey key = existing(parts[2]);
        byte[] dataKey = new byte[body.path("bits").asInt(256) / 8];
        random.nextBytes(dataKey);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ciphertext", encrypt(key, dataKey, null));
        out.put("key_version", key.latest());
        if (parts[1].equals("plaintext")) {
            out.put("plaintext", b64(dataKey));
        }
        return Map.of("data", out);
    }

    private Object hmacOp(String[] parts, JsonNode body) {
        TransitKey key = existing(parts[1]);
        String algorithm = parts.length > 2 ? parts[2] : body.path("algorithm").asText("sha2-256");
        if (!algorithm.equals("sha2-256")) {
            throw new VaultError(400, "unsupported algorithm " + algorithm);
        }
        int v = key.latest();
        return data("hmac", "vault:v" + v + ":" + b64(hmac((byte[]) key.version(v), decode(body, "input"))));
    }

    private Object signOp(String name, JsonNode body) {
        TransitKey key = signingKey(name);
        int v = body.hasNonNull("key_version") && body.path("key_version").asInt() > 0
                ? body.path("key_version").asInt()
                : key.latest();
        KeyPair pair = (KeyPair) key.version(v);
        if (pair == null) {
            throw new VaultError(400, "invalid key version");
        }
        return data("signature", "vault:v" + v + ":" + b64(ed25519Sign(pair, decode(body, "input"))), "key_version", v);
    }

    private Object verifyOp(String name, JsonNode body) {
        TransitKey key = signingKey(name);
        Matcher m = CIPHERTEXT.matcher(body.path("signature").asText(""));
        if (!m.matches()) {
            throw new VaultError(400, "invalid signature");
        }
        KeyPair pair = (KeyPair) key.version(Integer.parseInt(m.group(1)));
        return data(
                "valid",
                pair != null
                        && ed25519Verify(
                                pair, decode(body, "input"), Base64.getDecoder().decode(m.group(2))));
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return Map.of("data", data);
    }

    private TransitKey newKey(String type) {
        if (!Set.of("aes256-gcm96", "hmac", "ed25519").contains(type)) {
            throw new VaultError(400, "unsupported key type " + type);
        }
        TransitKey key = new TransitKey(type);
        addVersion(key);
        return key;
    }

    private void addVersion(TransitKey key) {
        Object material;
        if (key.type.equals("ed25519")) {
            try {
                material = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        } else {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            material = secret;
        }
        synchronized (key) {
            key.versions.add(material);
            key.created.add(Instant.now());
        }
    }

    private TransitKey existing(String name) {
        TransitKey key = keys.get(name);
        if (key == null) {
            throw new VaultError(404, "encryption key not found");
        }
        return key;
    }

    private TransitKey signingKey(String name) {
        TransitKey key = existing(name);
        if (!key.type.equals("ed25519")) {
            throw new VaultError(400, "key type " + key.type + " does not support signing");
        }
        return key;
    }

    private Object readKey(String name) {
        TransitKey key = existing(name);
        Map<String, Object> versions = new LinkedHashMap<>();
        synchronized (key) {
            for (int v = 1; v <= key.versions.size(); v++) {
                Instant created = key.created.get(v - 1);
                if (key.type.equals("ed25519")) {
                    byte[] x509 =
                            ((KeyPair) key.versions.get(v - 1)).getPublic().getEncoded();
                    versions.put(
                            Integer.toString(v),
                            Map.of(
                                    "creation_time",
                                    created.toString(),
                                    "name",
                                    "ed25519",
                                    "public_key",
                                    b64(Arrays.copyOfRange(x509, x509.length - 32, x509.length))));
                } else {
                    versions.put(Integer.toString(v), created.getEpochSecond());
                }
            }
        }
        boolean aead = key.type.equals("aes256-gcm96");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("type", key.type);
        data.put("keys", versions);
        data.put("latest_version", key.latest());
        data.put("min_decryption_version", 1);
        data.put("min_encryption_version", 0);
        data.put("min_available_version", 0);
        data.put("deletion_allowed", key.deletionAllowed);
        data.put("exportable", false);
        data.put("derived", false);
        data.put("supports_encryption", aead);
        data.put("supports_decryption", aead);
        data.put("supports_derivation", aead);
        data.put("supports_signing", key.type.equals("ed25519"));
        return Map.of("data", data);
    }

    private String encrypt(TransitKey key, byte[] plaintext, byte[] associatedData) {
        if (!key.type.equals("aes256-gcm96")) {
            throw new VaultError(400, "key type " + key.type + " does not support encryption");
        }
        int v = key.latest();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec((byte[]) key.version(v), "AES"),
                    new GCMParameterSpec(128, nonce));
            if (associatedData != null) {
                gcm.updateAAD(associatedData);
            }
            byte[] sealed = gcm.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "vault:v" + v + ":" + b64(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decrypt(TransitKey key, String ciphertext, byte[] associatedData) {
        Matcher m = CIPHERTEXT.matcher(ciphertext);
        if (!m.matches()) {
            throw new VaultError(400, "invalid ciphertext: no prefix");
        }
        Object secret = key.version(Integer.parseInt(m.group(1)));
        if (!(secret instanceof byte[] aes)) {
            throw new VaultError(400, "invalid key version");
        }
        byte[] sealed = Base64.getDecoder().decode(m.group(2));
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            if (associatedData != null) {
                gcm.updateAAD(associatedData);
            }
            return gcm.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new VaultError(400, "cipher: message authentication failed");
        }
    }

    private static byte[] hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ed25519Sign(KeyPair pair, byte[] input) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ed25519Verify(KeyPair pair, byte[] input, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(pair.getPublic());
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new VaultError(400, "missing " + field);
        }
        return Base64.getDecoder().decode(body.path(field).asText());
    }

    private static byte[] optional(JsonNode body, String field) {
        return body.hasNonNull(field) && !body.path(field).asText().isEmpty()
                ? Base64.getDecoder().decode(body.path(field).asText())
                : null;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
