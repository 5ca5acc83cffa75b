package io.payguard.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses control characters in every string a request model binds (NUL, the other C0 controls but tab, line feed
 * and carriage return, DEL and C1). PostgreSQL cannot store NUL, so before this a NUL in a merchant name reached the
 * database and came back as a 500; now it is a 400 that names the field. Trees read as {@code JsonNode} (events)
 * are not affected.
 */
@Singleton
public class StrictStringsCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(
                new SimpleModule("payguard-strict-strings").addDeserializer(String.class, new NoControlCharacters()));
    }

    static final class NoControlCharacters extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.codePoints().anyMatch(NoControlCharacters::refused)) {
                throw new InvalidFormatException(p, "control characters are not accepted", "(refused)", String.class);
            }
            return value;
        }

        static boolean refused(int cp) {
            return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
        }
    }
}
