package io.payguard.platform.webhooks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

/**
 * Delivers one webhook attempt, SSRF-safe (README, "SSRF policy"): the URL is checked, the host resolved once on a
 * worker thread, every resolved address checked (one refused address refuses the attempt: a name that mixes public and
 * private addresses is a DNS rebinding set-up), and the connection made to the first address exactly, while the
 * {@code Host} header, TLS SNI and certificate host name check use the URL's host. Redirects are never followed; the
 * connect time, the whole attempt and the response body are bounded by the {@link OutboundPolicy}.
 *
 * <p>Built on Vert.x core's {@link HttpClient}. One sender (one client, one connection pool keyed by the checked
 * address) serves all endpoints; {@link #close()} it with its owner.
 */
public final class WebhookSender implements AutoCloseable {

    public static final String USER_AGENT = "PayGuard-Webhooks/1";

    /** Headers the sender owns: a caller's value for them is ignored. */
    private static final Set<String> OWN_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "content-type", "user-agent");

    private final Vertx vertx;
    private final OutboundPolicy policy;
    private final HostResolver resolver;
    private final HttpClient client;

    public WebhookSender(Vertx vertx, OutboundPolicy policy, HostResolver resolver) {
        this(vertx, policy, resolver, null);
    }

    /** With other trusted certificates than the JDK's (tests with a local certificate); null for the JDK's. */
    WebhookSender(Vertx vertx, OutboundPolicy policy, HostResolver resolver, TrustOptions trust) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        var options = new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(policy.connectTimeout().toMillis()))
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustAll(false)
                // the cap counts the bytes on the wire: no decompression (no zip bomb either)
                .setDecompressionSupported(false)
                .setKeepAlive(true)
                .setMaxPoolSize(16);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options);
    }

    /**
     * POSTs {@code body} as {@code application/json} with {@code headers} (the {@link WebhookSigning#headers} ones)
     * to {@code url}. Each subscription is one attempt. Network problems never fail the Uni: they are a
     * {@link DeliveryAttempt.Outcome#FAILED} or {@link DeliveryAttempt.Outcome#TARGET_REFUSED} attempt.
     *
     * @throws IllegalArgumentException when a header name or value holds a line break (a caller bug)
     */
    public Uni<DeliveryAttempt> send(String url, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        headers.forEach((name, value) -> {
            if (name == null || value == null || hasLineBreak(name) || hasLineBreak(value)) {
                throw new IllegalArgumentException("a webhook header name or value is null or holds a line break");
            }
        });
        var copy = Map.copyOf(headers);
        var copyOfBody = body.clone();
        return Uni.createFrom().completionStage(() -> {
            var result = Promise.<DeliveryAttempt>promise();
            // one context for the whole attempt: timer, DNS hand-off and HTTP callbacks run on its event loop
            vertx.getOrCreateContext().runOnContext(v -> new Attempt(url, copy, copyOfBody, result).start());
            return result.future().toCompletionStage();
        });
    }

    /** Closes the HTTP client and its pooled connections. */
    @Override
    public void close() {
        client.close();
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    /** One attempt's state; every method runs on the attempt's event loop. */
    private final class Attempt {
        private final String url;
        private final Map<String, String> headers;
        private final byte[] body;
        private final Promise<DeliveryAttempt> result;
        private final long started = System.nanoTime();
        private final ResponseExcerpt excerpt = new ResponseExcerpt();
        private long timer = -1;
        private HttpClientRequest request;
        private int status;
        private long received;
        private boolean responseEnded;

        Attempt(String url, Map<String, String> headers, byte[] body, Promise<DeliveryAttempt> result) {
            this.url = url;
            this.headers = headers;
            this.body = body;
            this.result = result;
        }

        void start() {
            var refusal = TargetAddresses.urlRefusal(url, policy);
            if (refusal.isPresent()) {
                refuse(refusal.get());
                return;
            }
            timer = vertx.setTimer(policy.requestTimeout().toMillis(), id -> fail(DeliveryAttempt.TIMEOUT));
            var uri = URI.create(url);
            var host = TargetAddresses.hostOf(uri);
            addresses(host).onComplete(resolved -> {
                if (resolved.failed()
                        || resolved.result() == null
                        || resolved.result().isEmpty()) {
                    fail(DeliveryAttempt.DNS_FAILED);
                    return;
                }
                var refused = firstRefusal(resolved.result());
                if (refused.isPresent()) {
                    refuse(refused.get());
                    return;
                }
                post(uri, host, resolved.result().get(0));
            });
        }

        private Future<List<InetAddress>> addresses(String host) {
            var literal = TargetAddresses.literal(host.contains(":") ? "[" + host + "]" : host);
            if (literal.isPresent()) {
                return Future.succeededFuture(List.of(literal.get()));
            }
            // the resolver may block: never on the event loop
            return vertx.executeBlocking(() -> resolver.resolve(host), false);
        }

        private Optional<String> firstRefusal(List<InetAddress> addresses) {
            for (InetAddress address : addresses) {
                var refusal = TargetAddresses.addressRefusal(address, policy);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
            return Optional.empty();
        }

        private void post(URI uri, String host, InetAddress address) {
            if (result.future().isComplete()) {
                return; // timed out while resolving
            }
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            var options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setSsl(https)
                    .setURI(requestTarget(uri))
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(withoutName(address), port)))
                    .setFollowRedirects(false)
                    .setConnectTimeout(policy.connectTimeout().toMillis());
            headers.forEach((name, value) -> {
                if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    options.addHeader(name, value);
                }
            });
            // set here, not left to Vert.x: it would write an IPv6 literal without its brackets
            options.putHeader(HttpHeaders.HOST, authority(host, port, https));
            options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            options.putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    fail(classify(created.cause()));
                    return;
                }
                request = created.result();
                if (result.future().isComplete()) {
                    request.reset();
                    return;
                }
                request.send(Buffer.buffer(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        fail(classify(answered.cause()));
                    } else {
                        read(answered.result());
                    }
                });
            });
        }

        private void read(HttpClientResponse response) {
            status = response.statusCode();
            var length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19) {
                if (Long.parseLong(length) > policy.maxResponseBytes()) {
                    tooLarge();
                    return;
                }
            }
            response.exceptionHandler(e -> fail(classify(e)));
            response.handler(chunk -> {
                received += chunk.length();
                if (received > policy.maxResponseBytes()) {
                    tooLarge();
                    return;
                }
                excerpt.add(chunk.getBytes());
            });
            response.endHandler(v -> {
                responseEnded = true;
                ended();
            });
        }

        private void ended() {
            if (status >= 200 && status < 300) {
                finish(DeliveryAttempt.Outcome.DELIVERED, null);
            } else {
                fail(
                        status >= 300 && status < 400
                                ? DeliveryAttempt.REDIRECT_NOT_FOLLOWED
                                : DeliveryAttempt.HTTP_STATUS);
            }
        }

        private void tooLarge() {
            fail(DeliveryAttempt.RESPONSE_TOO_LARGE);
        }

        private void refuse(String reason) {
            finish(DeliveryAttempt.Outcome.TARGET_REFUSED, reason);
        }

        private void fail(String code) {
            finish(DeliveryAttempt.Outcome.FAILED, code);
        }

        private void finish(DeliveryAttempt.Outcome outcome, String failure) {
            var latency = Duration.ofNanos(System.nanoTime() - started);
            if (!result.tryComplete(new DeliveryAttempt(outcome, status, latency, excerpt.text(), failure))) {
                return;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (request != null && !responseEnded) {
                // closes the connection: nothing more of this response is read, and it is not pooled half-read
                request.reset();
            }
        }
    }

    private static String authority(String host, int port, boolean https) {
        var name = host.contains(":") ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }

    private static String requestTarget(URI uri) {
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The same address without the host name the resolver attached, so nothing downstream resolves it again. */
    private static InetAddress withoutName(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always accepted", e);
        }
    }

    private static String classify(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException) {
                return DeliveryAttempt.CONNECT_TIMEOUT;
            }
        }
        return DeliveryAttempt.CONNECTION_FAILED;
    }
}
