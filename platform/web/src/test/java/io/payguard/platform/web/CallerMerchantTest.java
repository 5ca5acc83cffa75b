package io.payguard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Which merchant a merchant-role caller acts for: never the app client a person logged in with. */
class CallerMerchantTest {

    @Test
    void aMerchantsOwnClientActsForItself() {
        var caller = caller(Map.of("azp", "demo-merchant-a", "sub", "svc"), "merchant");
        assertThat(caller.merchantId()).isEqualTo("demo-merchant-a");
    }

    @Test
    void aTeamMemberActsForTheMerchantOfTheirMembershipClaim() {
        var caller = caller(Map.of("azp", "payguard-web", "sub", "mia", "merchant_id", "demo-merchant-a"), "merchant");
        assertThat(caller.merchantId()).isEqualTo("demo-merchant-a");
        assertThat(caller.merchantIdOrNull()).isEqualTo("demo-merchant-a");
    }

    @Test
    void aMerchantRolePersonWithoutMembershipActsForNoMerchant() {
        for (String app : new String[] {"payguard-web", "payguard-mobile"}) {
            var caller = caller(Map.of("azp", app, "sub", "someone"), "merchant");
            assertThatThrownBy(caller::merchantId)
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("merchant");
            assertThat(caller.merchantIdOrNull()).isNull();
        }
    }

    @Test
    void aCustomerIsNoMerchantEvenWithTheClaim() {
        var caller =
                caller(Map.of("azp", "payguard-web", "sub", "alice", "merchant_id", "demo-merchant-a"), "customer");
        assertThatThrownBy(caller::merchantId).isInstanceOf(ProblemException.class);
        assertThat(caller.merchantIdOrNull()).isNull();
    }

    private static Caller caller(Map<String, Object> claims, String role) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return (String) claims.get("sub");
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return new Caller(QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addRole(role)
                .build());
    }
}
