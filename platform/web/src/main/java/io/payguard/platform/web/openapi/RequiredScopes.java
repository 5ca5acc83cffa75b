package io.payguard.platform.web.openapi;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Path;

import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.signature.SignedRequest;

/**
 * The scope {@code ScopeFilter} requires of an API key per operation, by operation id ({@code <Class>_<method>}, the
 * configured strategy), read from the resource beans' {@link RequiresScope}: only those operations can answer 403
 * {@code insufficient_scope}. Also the operations that verify HTTP message signatures ({@link SignedRequest}), marked
 * with the pseudo-scope {@link #SIGNED} under their operation id + {@code #signed}.
 */
final class RequiredScopes {

    static final String SIGNED = "#signed";

    private RequiredScopes() {}

    static Map<String, String> byOperationId() {
        Map<String, String> scopes = new HashMap<>();
        try {
            for (Bean<?> bean : CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                if (type.isAnnotationPresent(Path.class)) {
                    collect(type, scopes);
                }
            }
        } catch (RuntimeException e) {
            // no container (a unit test of the filter): no operation is documented with insufficient_scope
            return Map.of();
        }
        return scopes;
    }

    private static void collect(Class<?> type, Map<String, String> scopes) {
        RequiresScope onClass = type.getAnnotation(RequiresScope.class);
        for (Method m : type.getDeclaredMethods()) {
            RequiresScope required =
                    m.isAnnotationPresent(RequiresScope.class) ? m.getAnnotation(RequiresScope.class) : onClass;
            if (required != null) {
                scopes.put(type.getSimpleName() + "_" + m.getName(), required.value());
            }
            if (m.isAnnotationPresent(SignedRequest.class)) {
                scopes.put(type.getSimpleName() + "_" + m.getName() + SIGNED, SIGNED);
            }
        }
    }
}
