package io.payguard.payment.adapter.out.identity;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.payguard.payment.application.port.CustomerContacts;
import io.payguard.payment.application.port.ScaNotifier;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The calling customer's verified contacts from their own access token (OIDC standard claims: {@code email} when
 * {@code email_verified} is true, {@code phone_number} when {@code phone_number_verified} is true). Nothing when the
 * caller is not that customer (a merchant's confirm) or there is no request.
 */
@ApplicationScoped
public class TokenCustomerContacts implements CustomerContacts {

    @Override
    public ScaNotifier.Destination of(String customerId) {
        if (customerId == null || !Arc.container().requestContext().isActive()) {
            return ScaNotifier.Destination.none(customerId);
        }
        var identity = Arc.container().instance(SecurityIdentity.class).get();
        if (identity == null
                || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !customerId.equals(jwt.getSubject())) {
            return ScaNotifier.Destination.none(customerId);
        }
        String email = verified(jwt, "email_verified") ? text(jwt.getClaim("email")) : null;
        String phone = verified(jwt, "phone_number_verified") ? text(jwt.getClaim("phone_number")) : null;
        return new ScaNotifier.Destination(
                customerId,
                email != null && email.length() <= 254 && email.contains("@") ? email : null,
                phone != null && phone.matches("\\+[1-9][0-9]{6,14}") ? phone : null);
    }

    private static boolean verified(JsonWebToken jwt, String claim) {
        Object v = jwt.getClaim(claim);
        return v != null && "true".equals(String.valueOf(v));
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        String s = claim instanceof jakarta.json.JsonString js ? js.getString() : String.valueOf(claim);
        return s.isBlank() ? null : s;
    }
}
