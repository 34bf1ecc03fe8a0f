package org.fairhunt.server;

import java.nio.file.Path;

/** The service contract on embedded SQLite. */
class SqliteServiceTest extends ServiceContract {
    @Override
    Backends.Db database(Path dir) {
        return Backends.sqlite(dir);
    }
}
