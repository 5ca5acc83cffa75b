package io.payguard.platform.protection.masking;

import static io.payguard.platform.protection.classification.DataClass.C2;
import static io.payguard.platform.protection.classification.DataClass.C3;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;

class MaskingTest {

    @Test
    void masksEachKindPerTheDisplayRules() {
        assertThat(Masking.mask(DataKind.PAN, "6222 0212 3456 1234")).isEqualTo("622202******1234");
        assertThat(Masking.mask(DataKind.PHONE, "13812345678")).isEqualTo("138****5678");
        assertThat(Masking.mask(DataKind.PHONE, "+86 138-1234-5678")).isEqualTo("+86 138****5678");
        assertThat(Masking.mask(DataKind.ID_NUMBER, "11010519491231002X")).isEqualTo("1****************X");
        assertThat(Masking.mask(DataKind.EMAIL, "alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.mask(DataKind.NAME, "张三")).isEqualTo("张*");
        assertThat(Masking.mask(DataKind.NAME, "John Smith")).isEqualTo("J*** S***");
        assertThat(Masking.mask(DataKind.ACCOUNT_NUMBER, "6222 0000 1111 9876")).isEqualTo("************9876");
        assertThat(Masking.mask(DataKind.ADDRESS, "北京市朝阳区建国路88号")).isEqualTo("北京市朝阳区****");
        assertThat(Masking.mask(DataKind.BALANCE, "1000.00")).isEqualTo("***");
        assertThat(Masking.mask(DataKind.CVV, "123")).isEqualTo("***");
    }

    @Test
    void neverRevealsMoreThanTheRuleOnShortValues() {
        assertThat(Masking.mask(DataKind.PAN, "1234")).doesNotContain("1234");
        assertThat(Masking.mask(DataKind.PHONE, "12")).isEqualTo("***");
        assertThat(Masking.mask(DataKind.ID_NUMBER, "AB")).isEqualTo("***");
        assertThat(Masking.mask(DataKind.EMAIL, "not-an-email")).isEqualTo("***");
    }

    record Payment(
            String id,
            @Classified(level = C2, kind = DataKind.PAN) String pan,
            @Classified(level = C3, kind = DataKind.CVV) String cvv,
            @Classified(level = C2, kind = DataKind.PHONE) String phone,
            @Classified(level = C2, kind = DataKind.BALANCE) long balance,
            Holder holder) {}

    static class Holder {
        @Classified(level = C2, kind = DataKind.NAME)
        public String name = "张三丰";

        public String country = "CN";
    }

    @Test
    void jacksonMasksClassifiedPropertiesOfRecordsAndBeans() throws Exception {
        var mapper = new ObjectMapper().registerModule(new MaskingModule());
        String json = mapper.writeValueAsString(
                new Payment("p-1", "6222021234561234", "123", "13812345678", 100_00, new Holder()));

        assertThat(mapper.readTree(json).toString())
                .isEqualTo("{\"id\":\"p-1\",\"pan\":\"622202******1234\",\"cvv\":\"***\",\"phone\":\"138****5678\","
                        + "\"balance\":\"***\",\"holder\":{\"name\":\"张**\",\"country\":\"CN\"}}");
    }
}
