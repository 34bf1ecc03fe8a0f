package org.fairhunt.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.server.http.Problem;
import org.fairhunt.server.store.Database;
import org.fairhunt.server.store.Store;

/**
 * The organizer's actions without HTTP, for {@code fairhunt admin}: the same {@link Service} rules and
 * audit log, run on the same database (SQLite's busy timeout lets it write while a server runs).
 */
public final class Admin implements AutoCloseable {
    private final Database db;
    private final Service service;
    private final Principal who;

    public Admin(ServerConfig config, String actor) {
        this.db = config.openDatabase();
        this.service = new Service(new Store(db, config.clock()), config);
        this.who = new Principal(Role.ORGANIZER, 0, 0, 0, actor, null, false, null);
    }

    /** Runs an action, turning the service's typed errors into the command line's one-line errors. */
    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Problem p) {
            throw new UserInputException((p.field() == null ? "" : "--" + p.field().replace('_', '-') + ": ") + p.getMessage());
        }
    }

    public String createOrganizer(String name) {
        return run(() -> service.store().createOrganizer(who.auditName(), Service.name("name", name), null));
    }

    public long createProgram(Service.ProgramForm form, Path train, Path holdout, Path test, Path baseModel) {
        return run(() -> service.createProgram(who, form, local("train", train), local("holdout", holdout), local("test", test),
                local("base_model", baseModel)));
    }

    private static Service.DataInput local(String field, Path p) {
        try {
            return new Service.DataInput(field, Files.readAllBytes(p), p.getFileName().toString(), null);
        } catch (java.io.IOException e) {
            throw new UserInputException(p + ": cannot read: " + e.getMessage());
        }
    }

    public String inviteTeam(long program, String team) {
        return run(() -> service.inviteTeam(who, program, team));
    }

    public String rotateToken(long program, String team) {
        return run(() -> service.rotateToken(who, program, team));
    }

    public void setState(long program, String state) {
        run(() -> {
            service.setState(who, program, BountyServer.state(state));
            return null;
        });
    }

    public List<Store.ProgramRow> programs() {
        return service.store().programs();
    }

    @Override
    public void close() {
        service.close();
        db.close();
    }
}
