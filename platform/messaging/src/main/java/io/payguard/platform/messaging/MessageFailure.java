package io.payguard.platform.messaging;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Why a consumer could not process a message, and so what to do with it. Only {@link Kind#POISON} goes to the
 * dead-letter topic: the message itself can never be processed. Everything else is retried for as long as it takes,
 * because the message may well be valid: {@link Kind#INFRASTRUCTURE} (database or broker down, connection refused,
 * pool, lock or statement timeouts, serialization conflicts) heals by itself; {@link Kind#UNEXPECTED} (a bug, a
 * missing privilege) needs a person, is logged at ERROR and shows in the retry metrics, but still loses no message.
 *
 * @param reason a short, low-cardinality code (a metric tag and a dead-letter header), never message content
 */
public record MessageFailure(Kind kind, String reason) {

    public enum Kind {
        POISON,
        INFRASTRUCTURE,
        UNEXPECTED
    }

    /** Poison: the message is not a CloudEvent at all. */
    public static final String UNPARSEABLE = "unparseable";
    /** Poison: a CloudEvent, but its type or data break the contract. */
    public static final String INVALID = "invalid";
    /** Poison: the database refused its values (SQLState classes 22 and 23 but unique violations). */
    public static final String REJECTED_BY_DATABASE = "rejected_by_database";

    public boolean poison() {
        return kind == Kind.POISON;
    }

    /** Classifies {@code failure} by walking its causes; the first that tells wins. */
    public static MessageFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            MessageFailure known = classifyOne(t);
            if (known != null) {
                return known;
            }
        }
        return new MessageFailure(Kind.UNEXPECTED, "unexpected");
    }

    private static MessageFailure classifyOne(Throwable t) {
        if (t instanceof MalformedEventException
                || t instanceof IllegalArgumentException
                || t instanceof DateTimeException) {
            // contract checks in the handlers; IllegalArgumentException covers value types refusing a field
            return new MessageFailure(Kind.POISON, INVALID);
        }
        String sqlState = switch (t) {
            case DatabaseException d -> d.getSqlState();
            case SQLException s -> s.getSQLState();
            default -> null;
        };
        if (sqlState != null && sqlState.length() == 5) {
            return bySqlState(sqlState);
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
            return infrastructure("database_unavailable");
        }
        if (t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            return infrastructure("timeout");
        }
        if (t instanceof org.apache.kafka.common.errors.RetriableException) {
            return infrastructure("kafka_unavailable");
        }
        if (t instanceof IOException
                || t instanceof io.vertx.sqlclient.ClosedConnectionException
                || t instanceof io.vertx.sqlclient.TransactionRollbackException
                || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            return infrastructure("database_unavailable");
        }
        if (t instanceof VertxException v
                && v.getMessage() != null
                && v.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return infrastructure("timeout");
        }
        return null;
    }

    private static MessageFailure bySqlState(String state) {
        String cls = state.substring(0, 2);
        return switch (cls) {
            // connection exception, insufficient resources, operator intervention (shutdown, statement timeout), system
            // error
            case "08", "53", "57", "58" ->
                infrastructure(cls.equals("57") && "57014".equals(state) ? "timeout" : "database_unavailable");
            // serialization failure, deadlock
            case "40" -> infrastructure("conflict");
            case "55" -> infrastructure("55P03".equals(state) ? "lock_timeout" : "database_unavailable");
            case "25" -> infrastructure("25P03".equals(state) ? "timeout" : "database_unavailable");
            // a unique violation is a concurrent delivery of the same fact: the retry finds the committed row
            case "23" ->
                "23505".equals(state)
                        ? infrastructure("conflict")
                        : new MessageFailure(Kind.POISON, REJECTED_BY_DATABASE);
            case "22" -> new MessageFailure(Kind.POISON, REJECTED_BY_DATABASE);
            // syntax, privileges, undefined objects: the deployment is wrong, not the message
            default -> new MessageFailure(Kind.UNEXPECTED, "sqlstate_" + cls);
        };
    }

    private static MessageFailure infrastructure(String reason) {
        return new MessageFailure(Kind.INFRASTRUCTURE, reason);
    }

    /**
     * A description of {@code failure} for logs and dead-letter headers that carries no message content: database
     * errors by SQLState only (their texts and details can quote row values), our own contract errors by their text
     * (which names fields, never values), anything else by type and text.
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException d) {
                return "database error, SQLState " + d.getSqlState();
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return "database error, SQLState " + s.getSQLState();
            }
        }
        if (failure instanceof MalformedEventException) {
            return failure.getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + " caused by " + root;
    }
}
