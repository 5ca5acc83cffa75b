package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The leak scanner finds what it must (so the leak scan can fail) and leaves ids, hashes and timestamps alone. */
class LeakScannerTest {

    private final String secret = "pw-" + "Zr81kQ2m7x";
    private final LeakScanner scanner = new LeakScanner(List.of(secret, "short"), List.of("merchant.example"));

    private List<String> kinds(String text) {
        return scanner.scan(text).stream().map(LeakScanner.Hit::kind).toList();
    }

    @Test
    void findsCardDataCredentialsAndPersonalData() {
        assertThat(kinds("charge 4111111111111111 ok")).containsExactly("pan");
        assertThat(kinds("card \"4111 1111 1111 1111\"")).containsExactly("pan");
        assertThat(kinds("{\"pan\":\"6222021234561236\"}")).containsExactly("pan");
        assertThat(kinds("{\"cvc\": \"123\"} cvv=9876")).containsExactly("cvv", "cvv");
        String jwt = "eyJhbGciOiJFUzI1NiJ9" + ".eyJzdWIiOiJhbGljZSJ9" + ".MEUCIQDx1K2x3y4z5A6B7C8D9E0F";
        assertThat(kinds("Authorization: Bearer " + jwt)).containsExactly("jwt");
        assertThat(kinds("key " + "sk_" + "live_" + "AbCdEfGhIjKlMnOpQrStUv12")).containsExactly("api-key");
        assertThat(kinds("password " + secret + " in a line")).containsExactly("secret");
        assertThat(kinds("id 11010519491231002X")).containsExactly("id-number");
        assertThat(kinds("call 13812345678")).containsExactly("phone");
        assertThat(kinds("mail alice.liu@example.com")).containsExactly("email");
    }

    @Test
    void leavesIdsHashesTimestampsAndMaskedValuesAlone() {
        assertThat(kinds("po_ace7118843f04f658c874c3990cd7373 at 1765012345678 position 1765012345678000"))
                .isEmpty();
        assertThat(
                        kinds(
                                "hash 41111111111111119a3f 9a41111111111111111 sha=0123456789012345678901234567890123456789abcdef"))
                .isEmpty();
        assertThat(kinds("card 411111******1111, phone 138****5678, a***@example.com, 1****************X, cvv=***"))
                .isEmpty();
        assertThat(kinds("4111111111111112 (not Luhn-valid) 11010519491231002Y (wrong check character) short"))
                .isEmpty();
        assertThat(kinds("contact billing@merchant.example")).isEmpty();
        assertThat(kinds("amount 12345678901 minor units of an id 23812345678")).isEmpty();
    }
}
