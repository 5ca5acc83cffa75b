package io.payguard.archfixture.bad.config;

import io.payguard.archfixture.bad.application.HttpSpeaking;

/** Fixture violation: settings that depend on a use case (and so close a cycle application -> ... -> config). */
public class Tangled {
    final HttpSpeaking useCase = new HttpSpeaking();
}
