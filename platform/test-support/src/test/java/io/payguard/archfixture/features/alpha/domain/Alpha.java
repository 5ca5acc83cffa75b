package io.payguard.archfixture.features.alpha.domain;

/** Fixture: a feature's domain. */
public record Alpha(String name) {}
