package io.payguard.platform.protection.quarkus;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.protection.masking.MaskingModule;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Every JSON a service writes through Quarkus' ObjectMapper (REST responses, events built from DTOs) masks classified properties. */
@Singleton
public class MaskingObjectMapperCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new MaskingModule());
    }
}
