package io.payguard.platform.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The ObjectMapper of the fuzz targets here: Quarkus' as every service configures it (modules on the classpath,
 * {@code fail-on-unknown-properties=true}, strict numbers and strings). platform/test-support's
 * {@code RequestModelFuzzer.serviceMapper()} is the same for the services; this module cannot depend on test-support.
 */
public final class FuzzJson {

    private FuzzJson() {}

    public static ObjectMapper mapper() {
        var mapper = JsonMapper.builder()
                .findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        new StrictNumbersCustomizer().customize(mapper);
        new StrictStringsCustomizer().customize(mapper);
        return mapper;
    }
}
