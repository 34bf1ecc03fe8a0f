package org.fairhunt.bounty.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.CelLimits;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.group.OnnxGroup;
import org.fairhunt.bounty.onnx.ModelHash;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.pdl.PdlPredictor;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;

/** A model exported from a program, loaded for prediction. */
public final class ExportedModel implements AutoCloseable {
    public static final String MANIFEST = "manifest.json";
    static final String FORMAT = "fairhunt-bounty-model-1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FeatureSchema schema;
    private final OnnxModel base;
    private final List<PdlNode> nodes;
    private final Map<Long, GroupPredicate> groups;
    private final Map<String, OnnxModel> models;

    private ExportedModel(FeatureSchema schema, OnnxModel base, List<PdlNode> nodes, Map<Long, GroupPredicate> groups,
            Map<String, OnnxModel> models) {
        this.schema = schema;
        this.base = base;
        this.nodes = nodes;
        this.groups = groups;
        this.models = models;
    }

    /**
     * Writes the program's current model to {@code out} (a new or empty folder), whole or not at all
     * ({@link DirectoryOutput}).
     */
    public static Path write(Program program, Path out) {
        DirectoryOutput.write(out, "exported model", dir -> writeInto(program, dir));
        return out;
    }

    /** Writes the manifest and the model files into an existing folder. */
    static void writeInto(Program program, Path out) throws IOException {
        Files.createDirectories(out.resolve("models"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("schema", program.schema().toManifest());
        m.put("loss", program.settings().loss().cliName());
        m.put("celMaxChars", program.settings().celLimits().maxChars());
        m.put("celMaxCost", program.settings().celLimits().maxCost());
        List<PdlNode> nodes = program.nodes();
        m.put("version", nodes.size());
        m.put("baseModel", copy(program, program.baseModelHash(), out));
        Map<Long, Map<String, Object>> groups = new LinkedHashMap<>();
        List<Map<String, Object>> ns = new ArrayList<>();
        for (PdlNode n : nodes) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("version", n.version());
            nm.put("kind", n.kind() == PdlNode.Kind.ACCEPT ? "accept" : "catch");
            nm.put("group", n.groupId());
            if (n.groupId() != PdlNode.POPULATION && !groups.containsKey(n.groupId())) {
                Map<String, Object> g = program.groupRecord(n.groupId());
                if (g.containsKey("model")) {
                    copy(program, (String) g.get("model"), out);
                }
                groups.put(n.groupId(), g);
            }
            if (n.kind() == PdlNode.Kind.ACCEPT) {
                nm.put("model", copy(program, n.modelHash(), out));
            } else {
                nm.put("targetVersion", n.targetVersion());
            }
            ns.add(nm);
        }
        m.put("groups", new ArrayList<>(groups.values()));
        m.put("nodes", ns);
        m.put("semantics", "version v = version v-1 except on the rows of node v's group, which get node v's model "
                + "(accept) or version targetVersion's prediction (catch); group 0 is every row; version 0 is baseModel");
        JSON.writeValue(out.resolve(MANIFEST).toFile(), m);
    }

    private static String copy(Program program, String hash, Path out) throws IOException {
        Path target = out.resolve("models").resolve(hash + ".onnx");
        if (!Files.exists(target)) {
            Files.write(target, program.modelBytes(hash));
        }
        return hash;
    }

    /**
     * Reads a folder's JSON manifest and checks its {@code format}; {@code missing} is the message when
     * there is no manifest. (Exported models and hunters' kits.)
     */
    public static Map<String, Object> readManifest(Path manifest, String format, String missing) {
        if (!Files.isRegularFile(manifest)) {
            throw new UserInputException(missing);
        }
        Map<String, Object> m;
        try {
            m = JSON.readValue(manifest.toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UserInputException(manifest + ": not valid JSON: " + e.getMessage());
        }
        if (!format.equals(m.get("format"))) {
            throw new UserInputException(manifest + ": unknown format '" + m.get("format") + "', expected " + format);
        }
        return m;
    }

    /** Loads an exported model; every file is checked against its SHA-256. */
    @SuppressWarnings("unchecked")
    public static ExportedModel load(Path dir) {
        Map<String, Object> m = readManifest(dir.resolve(MANIFEST), FORMAT, dir + ": not an exported bounty model (no " + MANIFEST + ")");
        FeatureSchema schema = FeatureSchema.fromManifest((Map<String, Object>) m.get("schema"));
        CelLimits limits = new CelLimits(((Number) m.get("celMaxChars")).intValue(), ((Number) m.get("celMaxCost")).intValue());
        Map<String, OnnxModel> models = new HashMap<>();
        java.util.function.BiFunction<String, OnnxModel.Role, OnnxModel> load = (hash, role) -> models.computeIfAbsent(hash, h -> {
            Path p = dir.resolve("models").resolve(h + ".onnx");
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UserInputException(p + ": missing from the exported model");
            }
            if (!ModelHash.sha256(bytes).equals(h)) {
                throw new UserInputException(p + ": does not match its SHA-256; the exported model is damaged");
            }
            return OnnxModel.load(p.toString(), bytes, schema, role, Long.MAX_VALUE, 60_000);
        });
        OnnxModel base = load.apply((String) m.get("baseModel"), OnnxModel.Role.PREDICTOR);
        Map<Long, GroupPredicate> groups = new HashMap<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) m.get("groups")) {
            long id = ((Number) g.get("id")).longValue();
            groups.put(id, "cel".equals(g.get("kind")) ? CelGroup.compile((String) g.get("expression"), schema, limits)
                    : new OnnxGroup(load.apply((String) g.get("model"), OnnxModel.Role.GROUP), "learned group"));
        }
        List<PdlNode> nodes = new ArrayList<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) m.get("nodes")) {
            int v = ((Number) n.get("version")).intValue();
            long gid = ((Number) n.get("group")).longValue();
            if ("accept".equals(n.get("kind"))) {
                String hash = (String) n.get("model");
                load.apply(hash, OnnxModel.Role.PREDICTOR);
                nodes.add(PdlNode.accept(v, gid, hash));
            } else {
                nodes.add(PdlNode.catchNode(v, gid, ((Number) n.get("targetVersion")).intValue()));
            }
        }
        return new ExportedModel(schema, base, nodes, groups, models);
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Predictions for every row of {@code table} (class codes for classification). */
    public double[] predict(Table table) {
        return predict(schema.encode(table, false));
    }

    public double[] predict(FeatureData data) {
        return PdlPredictor.predict(data, base, nodes, new PdlPredictor.Resolver() {
            @Override
            public GroupPredicate group(long groupId) {
                return groups.get(groupId);
            }

            @Override
            public OnnxModel model(String hash) {
                return models.get(hash);
            }
        });
    }

    /** A prediction as written out: the class name, or the number. */
    public String format(double prediction) {
        if (schema.task() == Task.CLASSIFICATION) {
            return schema.classes().get((int) prediction);
        }
        return Double.toString(prediction);
    }

    @Override
    public void close() {
        for (OnnxModel m : models.values()) {
            m.close();
        }
    }
}
