package io.payguard.platform.protection.kms;

/** A key's name, purpose and current (primary) version, counted from 1. */
public record KeyInfo(String name, KeyPurpose purpose, int currentVersion) {}
