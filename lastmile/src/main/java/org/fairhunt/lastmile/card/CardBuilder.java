package org.fairhunt.lastmile.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.policy.PolicyEvaluator;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Verdict;

/**
 * Builds a service card from an audit ({@code audit.json} with its {@link Evidence} section) and the
 * provider's description ({@code card.yaml}): every slice with each metric's value, interval, rows,
 * clusters, sufficient statistics and bootstrap replicates; the claims judged on the provider's data;
 * the coverage of the evaluation data over its dimensions.
 */
public final class CardBuilder {
    /** Fewer speakers (clusters) than this in an evaluated cell marks it thin in the coverage map. */
    public static final int THIN_CLUSTERS = 5;

    static final List<String> REQUIRED_ABOUT = List.of("name", "version", "provider");
    static final List<String> KNOWN_ABOUT = List.of("name", "version", "provider", "date", "description", "intended_uses",
            "out_of_scope_uses", "evaluation_data", "confounders", "fairness_considerations", "contact", "claims");

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CardBuilder() {
    }

    /** Reads {@code card.yaml} (YAML or JSON), checking the fields a reader of the card needs. */
    public static ObjectNode readAbout(Path file) {
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var where = e.getLocation();
            throw new UserInputException(file + (where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new UserInputException(file + ": expected a mapping with " + REQUIRED_ABOUT + " and optional "
                    + KNOWN_ABOUT.subList(3, KNOWN_ABOUT.size()));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KNOWN_ABOUT.contains(key)) {
                throw new UserInputException(file + ": unknown field '" + key + "'; a card description has " + KNOWN_ABOUT);
            }
        }
        for (String key : REQUIRED_ABOUT) {
            if (!node.path(key).isValueNode() || node.path(key).asText().isBlank()) {
                throw new UserInputException(file + ": field '" + key + "' is required (a non-empty text)");
            }
        }
        if (node.has("claims") && !node.get("claims").isArray()) {
            throw new UserInputException(file + ": 'claims' must be a list of constraints such as"
                    + " \"max_gap(wer) <= 0.03 over [accent]\"");
        }
        return (ObjectNode) node;
    }

    /** Reads an audit file, refusing anything but a {@value AuditResult#SCHEMA} tree with an evidence section. */
    public static JsonNode readAudit(Path file) {
        JsonNode audit;
        try {
            audit = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + ": not a readable JSON audit: " + e.getMessage());
        }
        if (audit == null || !AuditResult.SCHEMA.equals(audit.path("schema").asText())) {
            throw new UserInputException(file + ": schema is '" + (audit == null ? "" : audit.path("schema").asText())
                    + "', expected an audit result '" + AuditResult.SCHEMA + "' (audit.json of fairhunt audit or wer)");
        }
        if (!audit.has(Evidence.KEY)) {
            throw new UserInputException(file + ": the audit has no '" + Evidence.KEY + "' section (bootstrap replicates and"
                    + " sufficient statistics); re-run it with --bootstrap 500 (or more) so a card can carry its uncertainty");
        }
        return audit;
    }

    /**
     * The card document.
     *
     * @param audit   the audit tree (schema {@value AuditResult#SCHEMA} with {@code evidence})
     * @param about   the provider's description
     * @param claims  further claims (policy constraints) beyond those in {@code about}
     * @param source  the audit file's name, recorded in the card
     */
    public static ObjectNode build(JsonNode audit, ObjectNode about, List<String> claims, String source) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", ResultKind.CARD.uri());
        card.put("schema", Card.SCHEMA);
        ObjectNode a = about.deepCopy();
        a.remove("claims");
        if (!a.has("date")) {
            a.put("date", LocalDate.now().toString());
        }
        card.set("about", a);

        JsonNode evidence = audit.get(Evidence.KEY);
        JsonNode settings = audit.path("settings");
        ObjectNode eval = card.putObject("evaluation");
        eval.put("audit", source);
        eval.put("source", audit.path("source").asText());
        eval.put("rows", audit.path("rows").asLong());
        eval.put("task", settings.path("task").asText("classification"));
        eval.set("groups", settings.path("groups").deepCopy());
        eval.put("intersections", settings.path("intersections").asInt(1));
        eval.put("min_group_size", settings.path("min_group_size").asInt(30));
        eval.put("confidence_level", settings.path("confidence_level").asDouble(0.95));
        ObjectNode metrics = eval.putObject("metrics");
        audit.path("metrics").fields().forEachRemaining(e -> {
            ObjectNode m = metrics.putObject(e.getKey());
            m.put("description", e.getValue().asText());
            m.set("higher_is_better", evidence.path("higher_is_better").path(e.getKey()).deepCopy());
        });
        ObjectNode boot = eval.putObject("bootstrap");
        boot.put("replicates", evidence.path("replicates").asInt());
        boot.put("seed", evidence.path("seed").asLong());
        boot.set("cluster", evidence.path("cluster").deepCopy());
        if (audit.has("speech")) {
            ObjectNode sp = eval.putObject("speech");
            sp.put("normalization", audit.path("speech").path("normalization").asText());
            sp.put("alignment", audit.path("speech").path("alignment").asText());
        }
        eval.set("settings", settings.deepCopy());

        ArrayNode slices = card.putArray("slices");
        JsonNode evSlices = evidence.path("slices");
        JsonNode auditSlices = audit.path("slices");
        if (evSlices.size() != auditSlices.size()) {
            throw new UserInputException(source + ": the evidence section has " + evSlices.size() + " slices but the audit "
                    + auditSlices.size() + "; the file was edited");
        }
        for (int i = 0; i < auditSlices.size(); i++) {
            JsonNode s = auditSlices.get(i);
            JsonNode ev = evSlices.get(i);
            ObjectNode out = slices.addObject();
            out.set("attributes", s.path("attributes").deepCopy());
            out.put("n", s.path("n").asLong());
            if (ev.has("clusters")) {
                out.put("clusters", ev.get("clusters").asInt());
            }
            out.put("too_small", s.path("too_small").asBoolean(false));
            ObjectNode ms = out.putObject("metrics");
            s.path("metrics").fields().forEachRemaining(e -> {
                ObjectNode m = e.getValue().deepCopy();
                if (ev.path("replicates").has(e.getKey())) {
                    m.set("replicates", ev.path("replicates").get(e.getKey()).deepCopy());
                }
                ms.set(e.getKey(), m);
            });
            out.set("sums", ev.path("sums").deepCopy());
        }

        List<String> allClaims = new ArrayList<>();
        about.path("claims").forEach(c -> allClaims.add(c.asText()));
        allClaims.addAll(claims);
        ArrayNode cl = card.putArray("claims");
        if (!allClaims.isEmpty()) {
            AuditResult result = toResult(audit, source);
            for (Verdict v : judge(allClaims, result, source)) {
                ObjectNode c = cl.addObject();
                c.put("constraint", v.constraint());
                c.put("outcome", v.outcome().word());
                c.put("detail", v.detail());
                putNumber(c, "value", v.value());
                putNumber(c, "lo", v.lo());
                putNumber(c, "hi", v.hi());
            }
        }
        card.set("coverage", coverage(card));
        return card;
    }

    /** The verdicts of {@code claims} on {@code result} (each claim one policy constraint). */
    public static List<Verdict> judge(List<String> claims, AuditResult result, String source) {
        StringBuilder yaml = new StringBuilder("constraints:\n");
        for (String c : claims) {
            yaml.append("  - ").append(JSON.getNodeFactory().textNode(c).toString()).append('\n');
        }
        Policy policy = Policy.parse(yaml.toString(), source + " claims");
        return PolicyEvaluator.evaluate(policy, result);
    }

    /** The audit tree read back as the result record (extension sections are not needed for judging claims). */
    public static AuditResult toResult(JsonNode audit, String source) {
        ObjectNode copy = audit.deepCopy();
        ObjectNode kept = JSON.createObjectNode();
        for (String f : List.of("schema", "source", "rows", "settings", "metrics", "warnings", "slices", "disparities")) {
            if (copy.has(f)) {
                kept.set(f, copy.get(f));
            }
        }
        for (String f : List.of("warnings", "slices", "disparities", "verdicts")) {
            if (!kept.has(f)) {
                kept.putArray(f);
            }
        }
        for (String f : List.of("settings", "metrics", "extensions")) {
            if (!kept.has(f)) {
                kept.putObject(f);
            }
        }
        try {
            return JSON.treeToValue(kept, AuditResult.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException(source + ": cannot read the audit's slices back: " + e.getMessage());
        }
    }

    /**
     * Which combinations of the evaluated attributes the provider's data hold, and how thinly: every
     * two-attribute cell of the attributes' observed values, with its rows and clusters, marked
     * {@code evaluated}, {@code thin} (fewer rows than the audit's minimum group size or fewer than
     * {@value #THIN_CLUSTERS} clusters) or {@code not evaluated}.
     */
    static ObjectNode coverage(ObjectNode card) {
        ObjectNode cov = JSON.createObjectNode();
        int minRows = card.path("evaluation").path("min_group_size").asInt(30);
        cov.put("thin_rows", minRows);
        cov.put("thin_clusters", THIN_CLUSTERS);
        Map<String, Set<String>> values = new LinkedHashMap<>();
        card.path("evaluation").path("groups").forEach(g -> values.put(g.asText(), new LinkedHashSet<>()));
        Map<Map<String, String>, JsonNode> cells = new LinkedHashMap<>();
        for (JsonNode s : card.path("slices")) {
            Map<String, String> attrs = new TreeMap<>();
            s.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
            if (attrs.size() == 1) {
                var e = attrs.entrySet().iterator().next();
                values.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue());
            } else if (attrs.size() == 2) {
                cells.put(attrs, s);
            }
        }
        ObjectNode vals = cov.putObject("values");
        values.forEach((k, v) -> {
            ArrayNode arr = vals.putArray(k);
            v.forEach(arr::add);
        });
        ArrayNode out = cov.putArray("cells");
        List<String> attrs = new ArrayList<>(values.keySet());
        int evaluated = 0;
        int thin = 0;
        int missing = 0;
        boolean intersected = card.path("evaluation").path("intersections").asInt(1) >= 2;
        for (int i = 0; i < attrs.size() && intersected; i++) {
            for (int j = i + 1; j < attrs.size(); j++) {
                for (String vi : values.get(attrs.get(i))) {
                    for (String vj : values.get(attrs.get(j))) {
                        Map<String, String> key = new TreeMap<>(Map.of(attrs.get(i), vi, attrs.get(j), vj));
                        JsonNode s = cells.get(key);
                        ObjectNode c = out.addObject();
                        ObjectNode ca = c.putObject("attributes");
                        key.forEach(ca::put);
                        if (s == null) {
                            c.put("n", 0);
                            c.put("status", "not evaluated");
                            missing++;
                        } else {
                            c.put("n", s.path("n").asLong());
                            if (s.has("clusters")) {
                                c.put("clusters", s.get("clusters").asInt());
                            }
                            boolean isThin = s.path("n").asLong() < minRows
                                    || (s.has("clusters") && s.get("clusters").asInt() < THIN_CLUSTERS);
                            c.put("status", isThin ? "thin" : "evaluated");
                            if (isThin) {
                                thin++;
                            } else {
                                evaluated++;
                            }
                        }
                    }
                }
            }
        }
        cov.put("cells_evaluated", evaluated);
        cov.put("cells_thin", thin);
        cov.put("cells_not_evaluated", missing);
        if (!intersected) {
            cov.put("note", "the audit had no intersections (--intersections 1), so no cell of two attributes was evaluated");
        }
        return cov;
    }

    private static void putNumber(ObjectNode n, String key, Double v) {
        if (v != null && Double.isFinite(v)) {
            n.put(key, v);
        }
    }
}
