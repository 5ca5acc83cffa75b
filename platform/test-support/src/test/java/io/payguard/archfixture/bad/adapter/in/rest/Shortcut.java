package io.payguard.archfixture.bad.adapter.in.rest;

import io.payguard.archfixture.bad.adapter.out.persistence.Table;

/** Fixture violation: a resource that skips the application and talks to persistence. */
public class Shortcut {
    final Table table = new Table();
}
