package io.payguard.archfixture.bad.adapter.out.persistence;

/** Fixture: an outbound adapter. */
public class Table {}
