package io.postline.stage.consumer;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a transient failure (retry the batch later; never DLT) from one caused by the event itself.
 * Transient: the database or broker is unreachable, restarting, overloaded, or a lock or serialization
 * conflict; everything else is blamed on the input.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    // a commit or rollback that fails is the connection's fault, never the event's
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException || t instanceof TimeoutException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof InterruptedException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientSqlState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08")       // connection exception
                || state.startsWith("53")    // insufficient resources
                || state.startsWith("57P")   // admin shutdown, crash shutdown, cannot connect now
                || state.equals("40001")     // serialization failure
                || state.equals("40P01")     // deadlock detected
                || state.equals("55P03");    // lock not available
    }
}
