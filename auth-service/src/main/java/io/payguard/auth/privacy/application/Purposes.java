package io.payguard.auth.privacy.application;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.config.PrivacyConfig;
import io.payguard.auth.privacy.domain.Purpose;

/** The configured purposes of processing, by id. */
@ApplicationScoped
public class Purposes {

    private final Map<String, Purpose> byId = new TreeMap<>();

    public Purposes(PrivacyConfig config) {
        config.purposes()
                .forEach((id, p) -> byId.put(
                        id,
                        new Purpose(
                                id,
                                p.version(),
                                p.title(),
                                p.textEn(),
                                p.textZh(),
                                p.legalBasis(),
                                p.separateConsent(),
                                p.thirdParty().orElse(null),
                                p.retention())));
    }

    public Collection<Purpose> all() {
        return byId.values();
    }

    /** The purpose, or null for an unknown id. */
    public Purpose find(String id) {
        return id == null ? null : byId.get(id);
    }
}
