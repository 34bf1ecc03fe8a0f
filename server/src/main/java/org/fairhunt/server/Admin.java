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

    /** The service's record (for checks and reports). */
    public Store store() {
        return service.store();
    }

    /**
     * The queue and the engine's record checked against each other: every submission is decided or
     * refused (none left queued), each decided one has its own engine record and the engine has no other,
     * model versions are contiguous, and replaying the list reproduces every recorded holdout error.
     */
    public record RecordCheck(int submissions, int decided, int refused, int queued, int withEngineRecord, int engineRecords,
            int sharedEngineRecords, int versions, boolean versionsContiguous, boolean replayMatches, String replayProblem) {
        public boolean ok() {
            return queued == 0 && withEngineRecord == engineRecords && sharedEngineRecords == 0 && versionsContiguous && replayMatches;
        }
    }

    public RecordCheck checkRecord(long programId) {
        List<Store.SubmissionRow> rows = service.store().submissionsOfProgram(programId);
        int decided = 0;
        int refused = 0;
        int queued = 0;
        java.util.Set<Long> engineIds = new java.util.HashSet<>();
        int shared = 0;
        for (Store.SubmissionRow r : rows) {
            switch (r.state()) {
                case "decided" -> decided++;
                case "refused" -> refused++;
                default -> queued++;
            }
            if (r.engineSubmissionId() != null && !engineIds.add(r.engineSubmissionId())) {
                shared++;
            }
        }
        List<AutoCloseable> resources = new java.util.ArrayList<>();
        try (org.fairhunt.bounty.program.Program p = service.engineLocation(programId).open(resources)) {
            java.util.Set<Long> recorded = new java.util.HashSet<>();
            p.submissions().forEach(r -> recorded.add(r.id()));
            if (!recorded.equals(engineIds)) {
                shared += Math.abs(recorded.size() - engineIds.size()) + (recorded.containsAll(engineIds) ? 0 : 1);
            }
            var nodes = p.nodes();
            boolean contiguous = true;
            for (int i = 0; i < nodes.size(); i++) {
                contiguous &= nodes.get(i).version() == i + 1;
            }
            String problem = null;
            try {
                p.engine();
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            return new RecordCheck(rows.size(), decided, refused, queued, engineIds.size(), recorded.size(), shared, nodes.size(), contiguous,
                    problem == null, problem);
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // closing
                }
            }
        }
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
