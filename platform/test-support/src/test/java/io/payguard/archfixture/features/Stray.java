package io.payguard.archfixture.features;

/** Fixture: a class directly under the base package is allowed (the application class, for instance). */
public class Stray {}
