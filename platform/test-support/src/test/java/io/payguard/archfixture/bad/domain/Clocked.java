package io.payguard.archfixture.bad.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Fixture violation: a domain class that uses a framework and reads the wall clock. */
public class Clocked {
    final ObjectMapper json = new ObjectMapper();

    public Instant stamp() {
        return Instant.now();
    }
}
