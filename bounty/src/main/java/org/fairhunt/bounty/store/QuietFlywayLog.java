package org.fairhunt.bounty.store;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Flyway's log for a command-line tool: its progress lines ("Migrating schema ...") would land in a
 * user's output on every new program, so only warnings and errors are shown, on stderr. Flyway
 * instantiates this class by name ({@code loggers}).
 */
public final class QuietFlywayLog implements LogCreator {
    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            @Override
            public void debug(String message) {
                // dropped
            }

            @Override
            public void info(String message) {
                // dropped
            }

            @Override
            public void notice(String message) {
                // dropped
            }

            @Override
            public void warn(String message) {
                System.err.println("fairhunt: database migration: " + message);
            }

            @Override
            public void error(String message) {
                System.err.println("fairhunt: database migration: " + message);
            }

            @Override
            public void error(String message, Exception e) {
                System.err.println("fairhunt: database migration: " + message + ": " + e.getMessage());
            }
        };
    }
}
