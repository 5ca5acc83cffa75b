package io.payguard.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API scope an endpoint needs from an API key ({@code payments:write}, {@code refunds:write}, ...).
 * Roles still decide who may call at all ({@code @RolesAllowed}); a restricted key must also carry this
 * scope. Merchant OAuth clients and secret keys hold every server-side scope.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    String value();
}
