package io.payguard.archfixture.bad.application;

import io.payguard.archfixture.bad.config.Tangled;

/** Fixture violation: with Tangled, a cycle between application and config. */
public class UsesConfig {
    final Tangled config = new Tangled();
}
