package io.payguard.audit.application.port;

import java.sql.SQLException;

import io.payguard.audit.domain.alert.SecurityAlert;

/**
 * Publishes raised alerts as events. The event goes to the transactional outbox through {@code tx}, so it commits
 * with the caller's work (the append that saw the burst, or the verification run that failed) and is relayed after.
 */
public interface SecurityAlertEvents {

    void raised(ChainStore.Session tx, SecurityAlert alert) throws SQLException;
}
