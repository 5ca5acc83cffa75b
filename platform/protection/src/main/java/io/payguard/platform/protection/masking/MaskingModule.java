package io.payguard.platform.protection.masking;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataClass;

/**
 * Jackson module that masks every property carrying {@link Classified} C2 (per {@link Masking}) and hides
 * C3 outright, wherever the mapper is used: REST responses, event payloads built from DTOs, JSON logs.
 * Registered on the Quarkus {@code ObjectMapper} by the kit; unmasked output never goes through JSON
 * serialisation of a classified model, only through {@code PersonalDataAccess}.
 */
public final class MaskingModule extends SimpleModule {

    public MaskingModule() {
        super("payguard-masking");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(
                    SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> properties) {
                for (BeanPropertyWriter writer : properties) {
                    Classified classified = writer.getAnnotation(Classified.class);
                    if (classified == null) {
                        classified = writer.getType().getRawClass().getAnnotation(Classified.class);
                    }
                    if (classified != null && classified.level() != DataClass.C1) {
                        writer.assignSerializer(new MaskingSerializer(classified));
                    }
                }
                return properties;
            }
        });
    }

    static final class MaskingSerializer extends JsonSerializer<Object> {
        private final Classified classified;

        MaskingSerializer(Classified classified) {
            this.classified = classified;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(Masking.mask(classified.level(), classified.kind(), String.valueOf(value)));
        }
    }
}
