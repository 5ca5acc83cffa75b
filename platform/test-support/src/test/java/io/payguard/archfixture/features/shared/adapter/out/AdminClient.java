package io.payguard.archfixture.features.shared.adapter.out;

/** Fixture: something every feature may use. */
public class AdminClient {}
