package io.payguard.platform.web;

import java.io.IOException;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON numbers are read exactly as sent, in every service (Quarkus' ObjectMapper: request bodies, and events read
 * into types). An integer field takes a JSON integer only: {@code 1.99}, {@code 1.0}, {@code 1e2}, {@code "100"} and
 * {@code ""} are refused instead of being truncated or parsed, and a value out of the field's range
 * ({@code 99999999999999999999} for a long) is refused as a wrong value of that field. A decimal field takes no
 * string, a boolean neither a number nor a string. Each refusal is a {@code MismatchedInputException} with the
 * field's path, which {@link ProblemMappers} answers with 400 {@code malformed_json} naming the field.
 */
@Singleton
public class StrictNumbersCustomizer implements ObjectMapperCustomizer {

    private static final Set<Class<?>> INTEGERS =
            Set.of(Long.class, long.class, Integer.class, int.class, Short.class, short.class, Byte.class, byte.class);

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("payguard-integer-range")
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyDeserializer(
                            DeserializationConfig config,
                            BeanDescription description,
                            JsonDeserializer<?> deserializer) {
                        return INTEGERS.contains(description.getBeanClass()) ? new InRange(deserializer) : deserializer;
                    }
                }));
    }

    /**
     * Jackson reports an integer too large for its field as a parser error without the field's path (a 400 that
     * names nothing); this turns it into an invalid value of the field.
     */
    static final class InRange extends DelegatingDeserializer {

        InRange(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new InRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return super.deserialize(p, ctxt);
            } catch (InputCoercionException e) {
                throw ctxt.weirdNumberException(p.getNumberValue(), handledType(), "out of range");
            }
        }
    }
}
