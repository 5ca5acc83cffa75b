package io.payguard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** What every service's ObjectMapper makes of numbers once {@link StrictNumbersCustomizer} has customised it. */
class StrictNumbersCustomizerTest {

    record Amount(Long minor, String currency) {}

    record Body(
            Amount amount,
            long total,
            Integer count,
            Double rate,
            Boolean flag,
            List<Long> parts,
            Map<String, Integer> limits) {}

    final ObjectMapper json = strict();

    static ObjectMapper strict() {
        var mapper = new ObjectMapper();
        new StrictNumbersCustomizer().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.99",
                "1.5",
                "1.0",
                "1e2",
                "\"100\"",
                "\"\"",
                "true",
                "99999999999999999999",
                "-99999999999999999999"
            })
    void anIntegerFieldTakesAJsonIntegerInRangeOnly(String value) {
        assertThatThrownBy(
                        () -> json.readValue("{\"amount\":{\"minor\":" + value + ",\"currency\":\"CNY\"}}", Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((MismatchedInputException) e)).isEqualTo("amount.minor"));
        assertThatThrownBy(() -> json.readValue("{\"total\":" + value + "}", Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((MismatchedInputException) e)).isEqualTo("total"));
    }

    @Test
    void overflowOfEveryIntegerTypeNamesItsField() {
        assertThatThrownBy(() -> json.readValue("{\"count\":2147483648}", Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((MismatchedInputException) e)).isEqualTo("count"));
        assertThatThrownBy(() -> json.readValue("{\"parts\":[1,9223372036854775808]}", Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((MismatchedInputException) e)).isEqualTo("parts.[1]"));
        assertThatThrownBy(() -> json.readValue("{\"limits\":{\"daily\":1e3}}", Body.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(path((MismatchedInputException) e)).isEqualTo("limits.daily"));
    }

    @Test
    void decimalsAndBooleansTakeNoStringsOrNumbers() {
        assertThatThrownBy(() -> json.readValue("{\"rate\":\"1.5\"}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"flag\":1}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> json.readValue("{\"flag\":\"true\"}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void exactValuesStillRead() throws Exception {
        var body = json.readValue("""
                {"amount":{"minor":9223372036854775807,"currency":"JPY"},"total":-5,"count":2147483647,"rate":1.5,"flag":true,
                 "parts":[1,2],"limits":{"daily":10}}
                """, Body.class);
        assertThat(body.amount().minor()).isEqualTo(Long.MAX_VALUE);
        assertThat(body.total()).isEqualTo(-5);
        assertThat(body.count()).isEqualTo(Integer.MAX_VALUE);
        assertThat(body.rate()).isEqualTo(1.5);
        assertThat(body.parts()).containsExactly(1L, 2L);
        assertThat(json.readValue("{\"amount\":{\"minor\":null}}", Body.class)
                        .amount()
                        .minor())
                .isNull();
        // trees keep numbers as sent: event parsing decides for itself (MoneyInputs.event)
        assertThat(json.readTree("{\"minor\":1.5}").get("minor").isIntegralNumber())
                .isFalse();
    }

    /** The path as ProblemMappers names it in the problem's detail. */
    static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(java.util.stream.Collectors.joining("."));
    }
}
