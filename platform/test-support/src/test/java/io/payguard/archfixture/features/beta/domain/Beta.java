package io.payguard.archfixture.features.beta.domain;

/** Fixture: another feature's domain. */
public record Beta(String name) {}
