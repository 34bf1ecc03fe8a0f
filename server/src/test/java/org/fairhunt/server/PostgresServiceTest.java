package org.fairhunt.server;

import java.nio.file.Path;

/** The service contract on PostgreSQL (skipped without FAIRHUNT_TEST_POSTGRES_URL; see {@link Backends}). */
class PostgresServiceTest extends ServiceContract {
    @Override
    Backends.Db database(Path dir) throws Exception {
        return Backends.postgres();
    }
}
