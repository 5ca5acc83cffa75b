package io.payguard.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each SSRF refusal of the policy, one row each (README, "SSRF policy"). */
class TargetAddressesTest {

    private static final OutboundPolicy LIVE = OutboundPolicy.live();
    private static final OutboundPolicy DEV = OutboundPolicy.dev();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // IPv4
        "127.0.0.1, loopback",
        "127.255.255.254, loopback",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "100.64.0.1, cgnat",
        "100.127.255.254, cgnat",
        "169.254.169.254, metadata",
        "169.254.0.1, link_local",
        "0.0.0.0, this_network",
        "0.1.2.3, this_network",
        "224.0.0.1, multicast",
        "239.255.255.250, multicast",
        "240.0.0.1, reserved",
        "255.255.255.255, broadcast",
        "192.0.0.8, reserved",
        "198.18.0.1, reserved",
        // IPv6
        "::, unspecified",
        "::1, loopback",
        "fc00::1, unique_local",
        "fd12:3456:789a::1, unique_local",
        "fe80::1, link_local",
        "febf::1, link_local",
        "fec0::1, site_local",
        "ff02::1, multicast",
        "2001:db8::1, documentation",
        "2001:0:4136:e378::1, teredo",
        "100::1, reserved",
        "64:ff9b:1::a00:1, reserved",
        // IPv6 forms with an IPv4 inside, judged by the IPv4
        "::ffff:127.0.0.1, loopback",
        "::ffff:10.0.0.1, private",
        "::ffff:169.254.169.254, metadata",
        "::10.0.0.1, private",
        "::169.254.169.254, metadata",
        "64:ff9b::10.0.0.1, private",
        "64:ff9b::169.254.169.254, metadata",
        "64:ff9b::7f00:1, loopback",
        "2002:0a00:0001::1, private",
        "2002:a9fe:a9fe::, metadata",
        "2002:7f00:0001::1, loopback",
        "2002:6440:0001::1, cgnat",
    })
    void refusedUnderLive(String address, String reason) {
        assertThat(TargetAddresses.addressRefusal(ip(address), LIVE)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "203.0.113.7",
                "8.8.8.8",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.255.255",
                "2606:4700::1111",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:0808:0808::1"
            })
    void publicAddressesPass(String address) {
        assertThat(TargetAddresses.addressRefusal(ip(address), LIVE)).isEmpty();
        assertThat(TargetAddresses.addressRefusal(ip(address), DEV)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "64:ff9b::7f00:1"})
    void loopbackIsAllowedUnderDevOnly(String address) {
        assertThat(TargetAddresses.addressRefusal(ip(address), LIVE)).contains("loopback");
        assertThat(TargetAddresses.addressRefusal(ip(address), DEV)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "fc00::1", "::ffff:192.168.0.1", "224.0.0.1"})
    void devStillRefusesEverythingButLoopback(String address) {
        assertThat(TargetAddresses.addressRefusal(ip(address), DEV)).isPresent();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://hooks.example.com/wh | scheme_not_allowed",
                "ftp://hooks.example.com/wh | scheme_not_allowed",
                "file:///etc/passwd | scheme_not_allowed",
                "gopher://hooks.example.com/ | scheme_not_allowed",
                "mailto:ops@example.com | scheme_not_allowed",
                "https://user:pass@hooks.example.com/wh | userinfo_not_allowed",
                "https://user@hooks.example.com/wh | userinfo_not_allowed",
                "https://hooks.example.com/wh#frag | fragment_not_allowed",
                "https:///wh | host_missing",
                "https://127.1/wh | host_missing",
                "https://0x7f.0.0.1/wh | host_missing",
                "https://2130706433/wh | malformed_url",
                "https://0x7f000001/wh | malformed_url",
                "https://017.0.0.1/wh | malformed_url",
                "https://hooks.example.123/wh | host_missing",
                "https://127.0.0.1/wh | ip_literal_blocked",
                "https://10.0.0.1:8443/wh | ip_literal_blocked",
                "https://169.254.169.254/latest/meta-data | ip_literal_blocked",
                "https://[::1]/wh | ip_literal_blocked",
                "https://[::ffff:10.0.0.1]/wh | ip_literal_blocked",
                "https://[fd00::1]/wh | ip_literal_blocked",
                "https://hooks.example.com:99999/wh | malformed_url",
                "https://hooks example.com/wh | malformed_url",
                "/relative/path | malformed_url",
                "not a url | malformed_url",
            })
    void urlsRefusedUnderLive(String url, String reason) {
        assertThat(TargetAddresses.urlRefusal(url, LIVE)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/wh",
                "https://hooks.example.com:8443/wh?merchant=m_1",
                "https://93.184.215.14/wh",
                "https://[2606:4700::1111]/wh"
            })
    void urlsAcceptedUnderLive(String url) {
        assertThat(TargetAddresses.urlRefusal(url, LIVE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://127.0.0.1:8085/webhooks | ",
                "http://localhost:8085/webhooks | ",
                "http://[::1]:8085/webhooks | ",
                "http://10.0.0.1/webhooks | ip_literal_blocked",
                "ftp://127.0.0.1/ | scheme_not_allowed",
            })
    void devAllowsHttpAndLoopbackOnly(String url, String reason) {
        assertThat(TargetAddresses.urlRefusal(url, DEV)).isEqualTo(Optional.ofNullable(reason));
    }

    @org.junit.jupiter.api.Test
    void urlsLongerThan2048AreRefused() {
        var url = "https://hooks.example.com/" + "a".repeat(2048);
        assertThat(TargetAddresses.urlRefusal(url, LIVE)).contains("url_too_long");
        assertThat(TargetAddresses.urlRefusal(url.substring(0, 2048), LIVE)).isEmpty();
        assertThat(TargetAddresses.urlRefusal(null, LIVE)).contains("malformed_url");
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
