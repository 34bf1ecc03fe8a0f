package org.fairhunt.server;

import java.nio.file.Path;
import org.fairhunt.core.testing.MustRun;

/** The service contract on embedded SQLite. */
@MustRun
class SqliteServiceTest extends ServiceContract {
    @Override
    Backends.Db database(Path dir) {
        return Backends.sqlite(dir);
    }
}
