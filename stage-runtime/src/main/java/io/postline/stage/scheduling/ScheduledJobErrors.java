package io.postline.stage.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.ErrorHandler;

/**
 * What a scheduled job (a purge, a poll for new reference data or rules, a delivery) throws. Every such job runs
 * again on its schedule, so a database that is away is a warning in one line, like the stage runtime's own
 * retries; Spring's default logged each tick of an outage as an unexpected error with its stack. Anything else
 * stays an error, with its stack.
 */
public final class ScheduledJobErrors implements ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ScheduledJobErrors.class);

    @Override
    public void handleError(Throwable failure) {
        if (databaseAway(failure)) {
            log.warn("a scheduled job could not reach the database, it runs again on its schedule: {}",
                    failure.toString());
        } else {
            log.error("a scheduled job failed, it runs again on its schedule", failure);
        }
    }

    private static boolean databaseAway(Throwable failure) {
        return failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException;
    }
}
