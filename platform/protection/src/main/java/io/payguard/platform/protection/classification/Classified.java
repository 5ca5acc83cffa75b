package io.payguard.platform.protection.classification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field, record component or type as classified data. On a record component it reaches the field,
 * the accessor (which Jackson serialises) and the constructor parameter. On a type (e.g. a {@code PhoneNumber}
 * value record) it classifies every field of that type.
 *
 * <pre>{@code record CustomerView(@Classified(level = C2, kind = PHONE) String phone) {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Classified {
    DataClass level();

    DataKind kind();
}
