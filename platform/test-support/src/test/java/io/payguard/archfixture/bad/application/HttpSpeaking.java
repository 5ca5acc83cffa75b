package io.payguard.archfixture.bad.application;

import io.payguard.archfixture.bad.adapter.out.persistence.Table;
import io.payguard.platform.web.ProblemException;

/** Fixture violation: a use case that throws HTTP statuses and reaches into an adapter. */
public class HttpSpeaking {
    final Table table = new Table();

    public void refuse() {
        throw new ProblemException(409, "conflict", "Conflict", null);
    }
}
