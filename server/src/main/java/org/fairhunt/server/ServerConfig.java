package org.fairhunt.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything {@link BountyServer#create} needs. Build with {@link #builder}; defaults are the product's.
 *
 * @param jdbcUrl               {@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}; {@code null}: {@code dataDir/fairhunt.db}
 * @param dbUser                database user ({@code null}: from the URL)
 * @param dbPassword            database password ({@code null}: from the URL)
 * @param dataDir               SQLite: the service's database ({@code fairhunt.db}) and each program's engine record
 *                              ({@code programs/…}); unused with PostgreSQL, where the engine's records live in its shared store
 * @param importDir             the only directory organizers may name server-side files from ({@code null}: uploads only)
 * @param maxUploadBytes        largest request body for program creation (checked on Content-Length before reading)
 * @param maxSubmissionBytes    largest request body for a submission or a check
 * @param submissionsPerMinute  per team: submissions received per minute
 * @param checksPerMinute       per team: free checks per minute
 * @param requestsPerSecond     per credential (or per client address without one): requests per second, burst twice that
 * @param sessionTtl            lifetime of a page session
 * @param tokenTtl              lifetime of an issued token ({@code null}: until rotated)
 * @param secureCookies         mark the session cookie Secure (behind HTTPS)
 * @param runWorker             whether this process verifies submissions (one worker per database)
 * @param clock                 the time source (tests move it)
 */
public record ServerConfig(String jdbcUrl, String dbUser, String dbPassword, Path dataDir, Path importDir, long maxUploadBytes,
        long maxSubmissionBytes, int submissionsPerMinute, int checksPerMinute, double requestsPerSecond, Duration sessionTtl,
        Duration tokenTtl, boolean secureCookies, boolean runWorker, Clock clock) {

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Opens (and migrates) the configured database; the default SQLite file's directory is created. */
    public org.fairhunt.server.store.Database openDatabase() {
        if (jdbcUrl == null) {
            return org.fairhunt.server.store.Database.sqlite(dataDir);
        }
        return org.fairhunt.server.store.Database.open(jdbcUrl, dbUser, dbPassword);
    }

    /** The JDBC URL actually used. */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("fairhunt.db");
    }

    public static final class Builder {
        private String jdbcUrl;
        private String dbUser;
        private String dbPassword;
        private final Path dataDir;
        private Path importDir;
        private long maxUploadBytes = 256L << 20;
        private long maxSubmissionBytes = 40L << 20;
        private int submissionsPerMinute = 6;
        private int checksPerMinute = 20;
        private double requestsPerSecond = 50;
        private Duration sessionTtl = Duration.ofHours(12);
        private Duration tokenTtl;
        private boolean secureCookies;
        private boolean runWorker = true;
        private Clock clock = Clock.systemUTC();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder database(String url, String user, String password) {
            this.jdbcUrl = url;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        public Builder importDir(Path dir) {
            this.importDir = dir;
            return this;
        }

        public Builder maxUploadBytes(long n) {
            this.maxUploadBytes = n;
            return this;
        }

        public Builder maxSubmissionBytes(long n) {
            this.maxSubmissionBytes = n;
            return this;
        }

        public Builder submissionsPerMinute(int n) {
            this.submissionsPerMinute = n;
            return this;
        }

        public Builder checksPerMinute(int n) {
            this.checksPerMinute = n;
            return this;
        }

        public Builder requestsPerSecond(double n) {
            this.requestsPerSecond = n;
            return this;
        }

        public Builder sessionTtl(Duration d) {
            this.sessionTtl = d;
            return this;
        }

        public Builder tokenTtl(Duration d) {
            this.tokenTtl = d;
            return this;
        }

        public Builder secureCookies(boolean b) {
            this.secureCookies = b;
            return this;
        }

        public Builder runWorker(boolean b) {
            this.runWorker = b;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(jdbcUrl, dbUser, dbPassword, dataDir, importDir, maxUploadBytes, maxSubmissionBytes,
                    submissionsPerMinute, checksPerMinute, requestsPerSecond, sessionTtl, tokenTtl, secureCookies, runWorker, clock);
        }
    }
}
