package org.fairhunt.server.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.group.OnnxGroup;
import org.fairhunt.bounty.onnx.OnnxInspector;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.program.PublicKit;
import org.fairhunt.bounty.program.SubmissionResult;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;

/**
 * One program's engine. Three rules keep the service fast and correct:
 * <ul>
 * <li>the <b>verifier</b> instance is used by the single verification worker only (decisions are
 * sequential by definition);</li>
 * <li>the <b>reader</b> instance, behind its own lock, serves free checks on public rows and rebuilds
 * the public {@link Views} after each decision, so pages never wait for a verification;</li>
 * <li>a receipt only {@link #inspect inspects} a submission (CEL parse and type-check, ONNX structure
 * read without creating a runtime session), which is bounded and cheap; running the models on public
 * rows ({@link #validate}) is the verification worker's first step, before the holdout. Both use only
 * immutable public data and fresh objects, so they need no lock.</li>
 * </ul>
 * Nothing computed on the holdout leaves this class except what {@link Verdict} carries.
 */
public final class EngineHandle implements AutoCloseable {
    private final EngineLocation location;
    private final List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Program verifier;
    private final Program reader;
    private final ReentrantLock readerLock = new ReentrantLock();
    private final ProgramSettings settings;
    private final FeatureSchema schema;
    private final FeatureData publicRows;
    private final byte[] trainCsv;
    private volatile Views views;

    private EngineHandle(EngineLocation location) {
        this.location = location;
        this.verifier = location.open(resources);
        this.reader = location.open(resources);
        this.settings = reader.settings();
        this.schema = reader.schema();
        this.publicRows = reader.data("train");
        this.trainCsv = kitFile(reader, "train.csv");
        refreshViews();
    }

    /** A file of the program's public kit (written by the engine, so hunters get exactly what the kit holds). */
    private static byte[] kitFile(Program p, String name) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("fairhunt-kit");
            Path kit = tmp.resolve("kit");
            PublicKit.write(p, kit);
            return Files.readAllBytes(kit.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Creates the engine's record of a new program at {@code location} (which must not hold one yet) and opens it. */
    public static EngineHandle create(EngineLocation location, ProgramSettings settings, Table train, Table holdout, Table test,
            byte[] baseModel, String baseModelName) {
        location.create(settings, train, holdout, test, baseModel, baseModelName);
        return new EngineHandle(location);
    }

    /** Opens the engine at {@code location}. */
    public static EngineHandle open(EngineLocation location) {
        return new EngineHandle(location);
    }

    public EngineLocation location() {
        return location;
    }

    public ProgramSettings settings() {
        return settings;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** The public training rows as CSV (what hunters download). */
    public byte[] trainCsv() {
        return trainCsv.clone();
    }

    /** The feature schema as hunters see it (names, kinds, levels, label classes). */
    public Map<String, Object> schemaManifest() {
        return schema.toManifest();
    }

    /** The settings a hunter may know (α, minimum group size, budget, reporting step, limits). */
    public Map<String, Object> publicSettings() {
        return settings.toMap();
    }

    // ---- validation and checks (public rows only) -----------------------------------------------

    /** A submitted group: CEL text or an ONNX group model. */
    public static GroupSpec group(String cel, byte[] groupModel, String groupModelName) {
        return cel != null ? GroupSpec.cel(cel) : GroupSpec.onnx(groupModel, groupModelName);
    }

    /**
     * The receipt's checks, bounded in time and running no model: the CEL group parses and type-checks
     * against the schema (within the program's cost limits), and each ONNX file is read as protobuf and
     * inspected structurally (size, operator domains, no external data or local functions). Throws
     * {@link InvalidSubmission} naming the field; thread-safe and lock-free.
     */
    public void inspect(GroupSpec spec, byte[] model, String modelName) {
        String field = spec.isCel() ? "group" : "group_model";
        try {
            if (spec.isCel()) {
                CelGroup.compile(spec.celExpression(), schema, settings.celLimits());
            } else {
                OnnxInspector.check(spec.source(), spec.onnxModel(), settings.maxModelBytes());
            }
            field = "model";
            OnnxInspector.check(modelName, model, settings.maxModelBytes());
        } catch (UserInputException e) {
            throw new InvalidSubmission(field, e.getMessage());
        }
    }

    /**
     * Checks a submission without touching the holdout: the group compiles (CEL) or loads (ONNX) against
     * the schema, the model loads, and both run on the public training rows. Throws
     * {@link UserInputException} naming what is wrong; thread-safe and lock-free.
     *
     * @return the features the group reads
     */
    public List<String> validate(GroupSpec spec, byte[] model, String modelName) {
        OnnxModel groupModel = null;
        OnnxModel h = null;
        String field = spec.isCel() ? "group" : "group_model";
        try {
            GroupPredicate g;
            if (spec.isCel()) {
                g = CelGroup.compile(spec.celExpression(), schema, settings.celLimits());
            } else {
                groupModel = OnnxModel.load(spec.source(), spec.onnxModel(), schema, OnnxModel.Role.GROUP, settings.maxModelBytes(),
                        settings.modelTimeoutMs());
                g = new OnnxGroup(groupModel, "learned group from " + spec.source());
            }
            boolean[] members = g.members(publicRows);
            field = "model";
            h = OnnxModel.load(modelName, model, schema, OnnxModel.Role.PREDICTOR, settings.maxModelBytes(), settings.modelTimeoutMs());
            int[] rows = GroupPredicate.rows(members);
            if (rows.length == 0) {
                // still run the model on some public rows, so a broken output is caught here and not on the holdout
                rows = java.util.stream.IntStream.range(0, Math.min(100, publicRows.rowCount())).toArray();
            }
            h.predict(publicRows.subset(rows));
            return new ArrayList<>(g.featuresUsed());
        } catch (UserInputException e) {
            throw new InvalidSubmission(field, e.getMessage());
        } finally {
            if (groupModel != null) {
                groupModel.close();
            }
            if (h != null) {
                h.close();
            }
        }
    }

    /** A submission refused on public data, with the form field at fault ({@code group}, {@code group_model}, {@code model}). */
    public static final class InvalidSubmission extends UserInputException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidSubmission(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What the pair would do on the public training rows (free; nothing recorded). */
    public Program.CheckResult check(GroupSpec spec, byte[] model, String modelName) {
        readerLock.lock();
        try {
            return reader.check(spec, model, modelName);
        } finally {
            readerLock.unlock();
        }
    }

    // ---- decisions (the worker's instance) -------------------------------------------------------

    /** What a team is told, and the engine record's id. */
    public record Verdict(long engineSubmissionId, String outcome, double reportedImprovement, int budgetLeft, String operatorNote,
            String publicMessage) {
        /** Whether the engine decided it (accepted or rejected), rather than refusing it or failing on the holdout. */
        public boolean decided() {
            return outcome.equals("accepted") || outcome.equals("rejected");
        }

        public Verdict withBudgetLeft(int left) {
            return new Verdict(engineSubmissionId, outcome, reportedImprovement, left, operatorNote, publicMessage);
        }
    }

    /** Decides on the holdout and records the decision (worker thread only). */
    public Verdict submit(String team, GroupSpec spec, byte[] model, String modelName) {
        SubmissionResult r = verifier.submit(team, spec, model, modelName);
        Program.SubmissionRecord rec = last(verifier.submissions(), r.submissionId());
        return verdictOf(rec, r.submissionsLeft(), "");
    }

    private static Program.SubmissionRecord last(List<Program.SubmissionRecord> all, long id) {
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id() == id) {
                return all.get(i);
            }
        }
        throw new IllegalStateException("the engine did not record submission " + id);
    }

    /** What a team is told of an engine refusal or failure, in the engine's wording (null for accepted and rejected). */
    private static String publicMessage(String outcome) {
        return switch (outcome) {
            case "refused" -> SubmissionResult.verdict(SubmissionResult.Outcome.REFUSED, 0);
            case "failed" -> SubmissionResult.verdict(SubmissionResult.Outcome.FAILED, 0);
            default -> null;
        };
    }

    /** The engine's recorded submissions (worker thread only): count and the last one's team and verdict. */
    public List<Program.SubmissionRecord> recorded() {
        return verifier.submissions();
    }

    /** The verdict of an engine record, as a team is told it (for a decision recovered after a crash). */
    public Verdict verdictOf(Program.SubmissionRecord r, int budgetLeft) {
        return verdictOf(r, budgetLeft, " (recovered after a restart)");
    }

    private static Verdict verdictOf(Program.SubmissionRecord r, int budgetLeft, String suffix) {
        String note = String.format(java.util.Locale.ROOT, "%s: %s; |g|=%s, gain=%s, p=%s, versions %d->%d%s", r.outcome(), r.reason(),
                r.groupSize(), r.gain() == null ? "-" : String.format(java.util.Locale.ROOT, "%.6f", r.gain()),
                r.pValue() == null ? "-" : String.format(java.util.Locale.ROOT, "%.3g", r.pValue()), r.versionBefore(), r.versionAfter(),
                suffix);
        return new Verdict(r.id(), r.outcome(), r.reportedImprovement(), budgetLeft, note, publicMessage(r.outcome()));
    }

    // ---- public views --------------------------------------------------------------------------

    /** The public state after the latest decision; rebuilt by {@link #refreshViews}, read without locks. */
    public Views views() {
        return views;
    }

    /** Rebuilds the public views from the record (after each decision). */
    public void refreshViews() {
        readerLock.lock();
        try {
            views = Views.build(reader, settings, views);
        } finally {
            readerLock.unlock();
        }
    }

    /** Writes the current model (manifest and ONNX files) as a zip archive. */
    public void exportZip(OutputStream out) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("fairhunt-export");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readerLock.lock();
        try {
            Path modelDir = tmp.resolve("model");
            ExportedModel.write(reader, modelDir);
            try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.walk(modelDir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    zip.putNextEntry(new ZipEntry("model/" + modelDir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            readerLock.unlock();
            deleteTree(tmp);
        }
    }

    public byte[] exportZip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exportZip(out);
        return out.toByteArray();
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public void close() {
        verifier.close();
        reader.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // closing
            }
        }
    }

    /** Teams × features counts from a leaderboard (the heatmap of the bias-bounty article). */
    static Map<String, Map<String, Integer>> featureCounts(List<Program.TeamStanding> board) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        TreeSet<String> all = new TreeSet<>();
        board.forEach(t -> all.addAll(t.featuresUsed().keySet()));
        for (Program.TeamStanding t : board) {
            Map<String, Integer> row = new TreeMap<>();
            for (String f : all) {
                row.put(f, t.featuresUsed().getOrDefault(f, 0));
            }
            out.put(t.team(), row);
        }
        return out;
    }
}
