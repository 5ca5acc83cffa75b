package io.payguard.auth.profile;

import org.junit.jupiter.api.Test;

import io.payguard.platform.protection.classification.ClassificationCheck;

/** Fails the build when a profile model or entity gains a personal-looking field without a class. */
class ProfileClassificationTest {

    @Test
    void everyPersonalFieldOfTheProfileFeatureIsClassified() {
        ClassificationCheck.assertAllPersonalFieldsClassified("io.payguard.auth.profile");
    }
}
