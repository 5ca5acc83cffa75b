package io.payguard.platform.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.NDC;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes PANs, ID numbers, phones, e-mails and CVVs through every way a service logs (JBoss Logging with
 * printf and MessageFormat parameters, java.util.logging, exceptions with causes and suppressed
 * exceptions, MDC, NDC, an access-log style line) into a real JBoss LogManager handler with the filter
 * installed, and checks none of them reaches the output.
 */
class RedactionFilterTest {

    /** Shaped like a live secret key, assembled at run time: no secret-looking literal in git (and none of it real). */
    private static final String FAKE_LIVE_KEY = "sk_" + "live_" + "A".repeat(16);

    static final String PAN = "6222021234561236";
    static final String SPACED_PAN = "4111 1111 1111 1111";
    static final String ID = "11010519491231002X";
    static final String ID2 = "440308199901011234";
    static final String PHONE = "13812345678";
    static final String EMAIL = "alice.liu@example.com";
    static final List<String> SECRETS =
            List.of(PAN, SPACED_PAN, "4111111111111111", ID, ID2, PHONE, "138 1234 5678", EMAIL, "cvv=987");

    private final StringWriter out = new StringWriter();
    private WriterHandler handler;
    private Logger logger;

    @BeforeEach
    void installHandler() {
        handler = new WriterHandler();
        handler.setWriter(out);
        handler.setFormatter(new PatternFormatter("%c %X{customer} %X{card} %x %m%e%n"));
        handler.setFilter(new RedactionFilter());
        handler.setAutoFlush(true);
        logger = Logger.getLogger("io.payguard.redaction-test");
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        Logger.getLogger("io.quarkus.http.access-log").addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        logger.removeHandler(handler);
        Logger.getLogger("io.quarkus.http.access-log").removeHandler(handler);
        MDC.clear();
        NDC.clear();
    }

    @Test
    void noPersonalDataReachesTheLogThroughAnyPath() {
        var jboss = org.jboss.logging.Logger.getLogger("io.payguard.redaction-test");
        jboss.info("plain message with card " + PAN + " and phone " + PHONE + " and id " + ID);
        jboss.infof("printf card %s, id %s, mail %s", SPACED_PAN, ID2, EMAIL);
        jboss.infov("MessageFormat card {0} phone {1}", PAN, "138 1234 5678");
        jboss.warn("request body {\"cvv\": \"987\", \"pan\": \"" + PAN + "\"} and cvv=987");
        var jul = java.util.logging.Logger.getLogger("io.payguard.redaction-test");
        jul.log(Level.INFO, "jul card {0} id {1}", new Object[] {PAN, ID});

        var root = new IllegalStateException("lookup failed for " + PHONE);
        var wrapped = new RuntimeException("charge of card " + PAN + " failed", root);
        wrapped.addSuppressed(new IllegalArgumentException("bad id " + ID2));
        jboss.error("payment failed", wrapped);

        MDC.put("customer", PHONE);
        MDC.put("card", PAN);
        NDC.push("id " + ID);
        jboss.info("with context");
        Logger.getLogger("io.quarkus.http.access-log")
                .info("127.0.0.1 - alice [26/Nov/2026:11:20:00 +0000] \"GET /v1/profiles?phone=" + PHONE + "&pan=" + PAN
                        + " HTTP/1.1\" 200 12");

        String log = out.toString();
        assertThat(log)
                .contains(
                        "622202******1236",
                        "138****5678",
                        "1****************X",
                        "a***@example.com",
                        "411111******1111",
                        "IllegalStateException",
                        "Caused by",
                        "Suppressed",
                        "cvv=***");
        for (String secret : SECRETS) {
            assertThat(log).as("log output must not contain %s", secret).doesNotContain(secret);
        }
        assertThat(log.lines().filter(l -> l.contains("RedactionFilterTest")).count())
                .as("stack traces are kept")
                .isPositive();
    }

    @Test
    void hidesCredentialsButKeepsWhatKindTheyWere() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl";
        String key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc9VfHxXkLmZ0aBcDeFgH";
        assertThat(Redactor.redact("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer ***");
        assertThat(Redactor.redact("authorization=DPoP abc.def.ghi")).isEqualTo("authorization=DPoP ***");
        assertThat(Redactor.redact("{\"access_token\": \"opaque-123\", \"refresh_token\":\"r-456\"}"))
                .isEqualTo("{\"access_token\": \"***\", \"refresh_token\":\"***\"}");
        assertThat(Redactor.redact("token=tok-9f8e7d6c5b api_key: " + key)).isEqualTo("token=*** api_key: ***");
        assertThat(Redactor.redact("proof " + jwt + " rejected")).isEqualTo("proof eyJ*** rejected");
        assertThat(Redactor.redact("key " + key + " revoked")).isEqualTo("key sk_test_*** revoked");
        assertThat(Redactor.redact("key " + FAKE_LIVE_KEY + " used")).isEqualTo("key sk_live_*** used");
    }

    @Test
    void leavesOrdinaryNumbersAlone() {
        assertThat(Redactor.redact("order 1234567890123 amount 100 at 2026-11-26T11:20:00Z"))
                .isEqualTo("order 1234567890123 amount 100 at 2026-11-26T11:20:00Z");
        assertThat(Redactor.redact("id 110105194912310021")).isEqualTo("id 110105194912310021");
    }

    @Test
    void leavesIdentifiersWholeEvenWhenTheyHoldALuhnValidRun() {
        // 401921787189457 is Luhn-valid; inside an id it is not a card number and masking it would corrupt the id
        assertThat(Redactor.redact("payment pi_401921787189457ba020481822fa3f23 captured"))
                .isEqualTo("payment pi_401921787189457ba020481822fa3f23 captured");
        assertThat(Redactor.redact("card 4111111111111111, again 4111111111111111."))
                .doesNotContain("4111111111111111");
    }
}
