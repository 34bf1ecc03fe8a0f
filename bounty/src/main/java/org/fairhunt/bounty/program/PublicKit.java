package org.fairhunt.bounty.program;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.bounty.export.DirectoryOutput;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.SplitFormat;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;

/**
 * The public kit of a program: what a hunter may have, and nothing of the holdout or the test split.
 * {@code bounty kit prog/ --out kit/} writes it; {@code bounty train} and {@code bounty check} work on
 * it, so hunters never need read access to the program directory.
 *
 * <pre>
 * kit/kit.json      format, the feature schema, the program's rules (loss, alpha, minimum group size,
 *                   significance, budget, report step, limits), the current model version
 * kit/train.csv     the public training rows, in the splits' column order (for any tool)
 * kit/train.split   the same rows in SplitFormat (exact; what Fairhunt reads)
 * kit/model/        the current model, as 'bounty export' writes it
 * </pre>
 */
public final class PublicKit implements AutoCloseable {
    public static final String MANIFEST = "kit.json";
    static final String FORMAT = "fairhunt-bounty-kit-1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final FeatureSchema schema;
    private final ProgramSettings settings;
    private final FeatureData train;
    private final ExportedModel model;
    private final int version;

    private PublicKit(Path dir, FeatureSchema schema, ProgramSettings settings, FeatureData train, ExportedModel model, int version) {
        this.dir = dir;
        this.schema = schema;
        this.settings = settings;
        this.train = train;
        this.model = model;
        this.version = version;
    }

    /** Writes the kit of {@code program}'s current state to {@code out} (a new or empty folder), whole or not at all. */
    public static Path write(Program program, Path out) {
        DirectoryOutput.write(out, "hunter's kit", dir -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("version", program.nodes().size());
            m.put("settings", program.settings().toMap());
            m.put("schema", program.schema().toManifest());
            m.put("columns", program.columns());
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), m);
            FeatureData train = program.data("train");
            Files.write(dir.resolve("train.split"), SplitFormat.write(train));
            try (Writer w = Files.newBufferedWriter(dir.resolve("train.csv"), StandardCharsets.UTF_8)) {
                writeCsv(program.schema(), program.columns(), train, w);
            }
            ExportedModel.write(program, dir.resolve("model"));
        });
        return out;
    }

    private static void writeCsv(FeatureSchema schema, List<String> columns, FeatureData d, Writer w) throws IOException {
        w.write(String.join(",", columns.stream().map(PublicKit::quote).toList()));
        w.write('\n');
        for (int i = 0; i < d.rowCount(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    w.write(',');
                }
                String name = columns.get(c);
                if (name.equals(schema.label())) {
                    double y = d.labels()[i];
                    w.write(schema.task() == Task.CLASSIFICATION ? quote(schema.classes().get((int) y)) : number(y));
                } else {
                    Object v = d.celValue(schema.indexOf(name), i);
                    w.write(v instanceof String s ? quote(s) : number((Double) v));
                }
            }
            w.write('\n');
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String quote(String s) {
        return s.isEmpty() || s.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Whether {@code dir} holds a kit. */
    public static boolean isKit(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** Opens a kit written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static PublicKit open(Path dir) {
        Map<String, Object> m = ExportedModel.readManifest(dir.resolve(MANIFEST), FORMAT, dir + ": not a hunter's kit (no " + MANIFEST
                + "); ask the program's operator for one ('fairhunt bounty kit PROGRAM --out KIT')");
        FeatureSchema schema = FeatureSchema.fromManifest((Map<String, Object>) m.get("schema"));
        ProgramSettings settings = ProgramSettings.fromMap((Map<String, Object>) m.get("settings"));
        FeatureData train;
        try {
            train = SplitFormat.read(schema, dir.resolve("train.split").toString(), Files.readAllBytes(dir.resolve("train.split")));
        } catch (IOException e) {
            throw new StorageException(dir.resolve("train.split") + ": cannot read the kit's training rows: " + e.getMessage(), e);
        }
        ExportedModel model = ExportedModel.load(dir.resolve("model"));
        return new PublicKit(dir, schema, settings, train, model, ((Number) m.get("version")).intValue());
    }

    public Path dir() {
        return dir;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** The program's rules, as a hunter may know them. */
    public ProgramSettings settings() {
        return settings;
    }

    /** The public training rows, with labels. */
    public FeatureData train() {
        return train;
    }

    /** The version of the model in the kit. */
    public int version() {
        return version;
    }

    /** Compiles a group against the kit's schema and limits; the caller closes a learned group's model. */
    public GroupPredicate compileGroup(GroupSpec spec) {
        return Program.compileGroup(spec, schema, settings);
    }

    /** The free check of a pair against the kit's current model on the public rows (the program's own rule). */
    public Program.CheckResult check(GroupSpec groupSpec, byte[] modelBytes, String modelSource) {
        GroupPredicate g = compileGroup(groupSpec);
        try (OnnxModel h = OnnxModel.load(modelSource, modelBytes, schema, OnnxModel.Role.PREDICTOR, settings.maxModelBytes(),
                settings.modelTimeoutMs())) {
            return Program.check(settings, train, model.predict(train), g, h);
        } finally {
            Program.closeGroup(g);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
