package com.orderflow.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database could not be reached (no connection within the pool's timeout, a
 * connection lost, the server shutting down or refusing connections: SQL states 08 and 57P): the request
 * changed nothing and may be sent again once the database is back, which a {@code 503} with
 * {@code Retry-After} says. A {@code 500} told a shop that its request itself failed.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "5";
    public static final String TITLE = "Database unavailable";
    public static final String DETAIL = "The service cannot reach its database; nothing was changed. Please retry shortly.";

    private DatabaseUnavailable() {
    }

    public static boolean causedIt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
