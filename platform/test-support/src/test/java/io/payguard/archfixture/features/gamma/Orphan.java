package io.payguard.archfixture.features.gamma;

/** Fixture violation: a class in a package that is no declared feature. */
public class Orphan {}
