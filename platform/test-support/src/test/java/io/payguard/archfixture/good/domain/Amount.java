package io.payguard.archfixture.good.domain;

import io.payguard.kernel.Money;

/** Fixture: a plain-Java domain value. */
public record Amount(Money money) {}
