package io.payguard.archfixture.good.config;

/** Fixture: settings. */
public interface Limits {
    long max();
}
