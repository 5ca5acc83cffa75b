package io.payguard.archfixture.features.alpha.application;

import io.payguard.archfixture.features.beta.domain.Beta;
import io.payguard.archfixture.features.shared.adapter.out.AdminClient;

/** Fixture violation: feature alpha uses feature beta (using shared is fine). */
public class AlphaService {
    final Beta beta = new Beta("b");
    final AdminClient admin = new AdminClient();
}
