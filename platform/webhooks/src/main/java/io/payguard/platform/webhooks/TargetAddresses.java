package io.payguard.platform.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pure checks of the SSRF policy: which webhook URLs are acceptable and which resolved addresses may be connected
 * to. No I/O: IP literals are parsed, never looked up. Each refusal is a stable reason code (README, "SSRF policy").
 */
public final class TargetAddresses {

    public static final int MAX_URL_LENGTH = 2048;

    // URL refusals
    public static final String MALFORMED_URL = "malformed_url";
    public static final String URL_TOO_LONG = "url_too_long";
    public static final String SCHEME_NOT_ALLOWED = "scheme_not_allowed";
    public static final String USERINFO_NOT_ALLOWED = "userinfo_not_allowed";
    public static final String FRAGMENT_NOT_ALLOWED = "fragment_not_allowed";
    public static final String HOST_MISSING = "host_missing";
    public static final String IP_LITERAL_BLOCKED = "ip_literal_blocked";

    // address refusals
    public static final String LOOPBACK = "loopback";
    public static final String PRIVATE = "private";
    public static final String CGNAT = "cgnat";
    public static final String LINK_LOCAL = "link_local";
    public static final String METADATA = "metadata";
    public static final String THIS_NETWORK = "this_network";
    public static final String MULTICAST = "multicast";
    public static final String RESERVED = "reserved";
    public static final String BROADCAST = "broadcast";
    public static final String UNSPECIFIED = "unspecified";
    public static final String UNIQUE_LOCAL = "unique_local";
    public static final String SITE_LOCAL = "site_local";
    public static final String DOCUMENTATION = "documentation";
    public static final String TEREDO = "teredo";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern LEADING_ZERO = Pattern.compile("(^|\\.)0\\d");

    private TargetAddresses() {}

    /** Why a webhook URL is refused under {@code policy}, or empty when it may be resolved and tried. */
    public static Optional<String> urlRefusal(String url, OutboundPolicy policy) {
        if (url == null || url.isBlank()) {
            return Optional.of(MALFORMED_URL);
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of(URL_TOO_LONG);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(MALFORMED_URL);
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of(uri.getScheme() == null ? MALFORMED_URL : SCHEME_NOT_ALLOWED);
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (policy.requireHttps() || !scheme.equals("http"))) {
            return Optional.of(SCHEME_NOT_ALLOWED);
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of(USERINFO_NOT_ALLOWED);
        }
        if (uri.getRawFragment() != null) {
            return Optional.of(FRAGMENT_NOT_ALLOWED);
        }
        var host = uri.getHost();
        if (host == null || host.isEmpty()) {
            // java.net.URI leaves the host null for authorities that are no host name (e.g. "127.1", "0x7f.1")
            return Optional.of(HOST_MISSING);
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return Optional.of(MALFORMED_URL);
        }
        if (ambiguousNumericHost(host)) {
            return Optional.of(MALFORMED_URL);
        }
        return literal(host).flatMap(address -> addressRefusal(address, policy).map(reason -> IP_LITERAL_BLOCKED));
    }

    /**
     * Hosts that some resolvers read as an IPv4 address in a non-canonical form ({@code 2130706433},
     * {@code 0x7f000001}, {@code 017.0.0.1}): no DNS name ends in a numeric label, and an IPv4 literal is written as
     * four decimal numbers without leading zeros.
     */
    private static boolean ambiguousNumericHost(String host) {
        if (host.startsWith("[")) {
            return false;
        }
        var name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (IPV4_LITERAL.matcher(name).matches()) {
            return !name.equals(host) || LEADING_ZERO.matcher(name).find();
        }
        var last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return last.isEmpty() || last.chars().allMatch(Character::isDigit) || last.matches("0x[0-9a-f]*");
    }

    /** The host of an accepted URL as the sender connects to it: lower case, IPv6 brackets removed. */
    static String hostOf(URI uri) {
        var host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address of an IP literal host (IPv4 dotted quad or bracketed IPv6), parsed without any lookup. */
    static Optional<InetAddress> literal(String host) {
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !IPV4_LITERAL.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            // a literal is parsed, not resolved: InetAddress.getByName does no lookup for one
            return Optional.of(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Why a resolved address may not be connected to under {@code policy}, or empty when it may. */
    public static Optional<String> addressRefusal(InetAddress address, OutboundPolicy policy) {
        var reason =
                address instanceof Inet4Address ? ipv4Refusal(address.getAddress()) : ipv6Refusal(address.getAddress());
        if (reason.equals(LOOPBACK) && policy.allowLoopback()) {
            return Optional.empty();
        }
        return Optional.ofNullable(reason.isEmpty() ? null : reason);
    }

    /** The refusal of an IPv4 address, "" when it is public. */
    static String ipv4Refusal(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 127) {
            return LOOPBACK;
        }
        if (b0 == 0) {
            return THIS_NETWORK;
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return PRIVATE;
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return CGNAT;
        }
        if (b0 == 169 && b1 == 254) {
            return b2 == 169 && (a[3] & 0xff) == 254 ? METADATA : LINK_LOCAL;
        }
        if ((b0 & 0xf0) == 224) {
            return MULTICAST;
        }
        if ((a[0] & a[1] & a[2] & a[3]) == (byte) 0xff) {
            return BROADCAST;
        }
        if ((b0 & 0xf0) == 240) {
            return RESERVED;
        }
        // 192.0.0.0/24 (IETF protocol assignments) and 198.18.0.0/15 (benchmarking) are used inside networks
        if ((b0 == 192 && b1 == 0 && b2 == 0) || (b0 == 198 && (b1 & 0xfe) == 18)) {
            return RESERVED;
        }
        return "";
    }

    /** The refusal of an IPv6 address (16 bytes), "" when it is public. */
    static String ipv6Refusal(byte[] a) {
        if (allZero(a, 0, 15)) {
            return a[15] == 0 ? UNSPECIFIED : a[15] == 1 ? LOOPBACK : ipv4Refusal(tail(a, 12));
        }
        if (allZero(a, 0, 10) && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return ipv4Refusal(tail(a, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (allZero(a, 0, 12)) {
            return ipv4Refusal(tail(a, 12)); // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
        }
        int w0 = word(a, 0);
        int w1 = word(a, 2);
        if (w0 == 0x0064 && w1 == 0xff9b && allZero(a, 4, 12)) {
            return ipv4Refusal(tail(a, 12)); // NAT64 64:ff9b::a.b.c.d
        }
        if (w0 == 0x2002) {
            return ipv4Refusal(new byte[] {a[2], a[3], a[4], a[5]}); // 6to4 2002:AABB:CCDD::
        }
        if ((a[0] & 0xff) == 0xff) {
            return MULTICAST;
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL;
        }
        if (w0 >= 0xfe80 && w0 <= 0xfebf) {
            return LINK_LOCAL;
        }
        if (w0 >= 0xfec0 && w0 <= 0xfeff) {
            return SITE_LOCAL;
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return DOCUMENTATION;
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return TEREDO; // the client's IPv4 inside is obfuscated; nothing public is reached through it
        }
        if ((w0 == 0x0064 && w1 == 0xff9b) || (w0 == 0x0100 && allZero(a, 2, 8)) || w0 == 0x0000) {
            return RESERVED; // local-use NAT64 64:ff9b:1::/48, discard-only 100::/64, the rest of ::/16
        }
        return "";
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] a, int at) {
        return ((a[at] & 0xff) << 8) | (a[at + 1] & 0xff);
    }

    private static byte[] tail(byte[] a, int from) {
        return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
    }
}
