package org.fairhunt.report.lastmile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.lastmile.compare.LastMileResult;

/**
 * The JSON of a last-mile test ({@value LastMileResult#SCHEMA}, snake_case names, {@code null} never
 * written) and the {@code findings.json} a customer sends back to the provider ({@value #FINDINGS_SCHEMA}).
 */
public final class LastMileJson {
    public static final String FINDINGS_SCHEMA = ResultKind.FINDINGS.schemaName();

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private LastMileJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The result as a tree, {@code $schema} first. */
    public static ObjectNode tree(LastMileResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", ResultKind.LASTMILE.uri());
        root.setAll((ObjectNode) MAPPER.valueToTree(r));
        return root;
    }

    public static String json(LastMileResult r) {
        try {
            return MAPPER.writeValueAsString(tree(r)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the provider needs to act on: the card tested (name, version, signature), the customer's
     * conditions, and only the findings — failed or inconclusive comparisons, significant differential
     * degradations and interactions, uncovered slices, failed claims — with their numbers and intervals.
     */
    public static String findings(LastMileResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", ResultKind.FINDINGS.uri());
        root.put("schema", FINDINGS_SCHEMA);
        root.set("card", MAPPER.valueToTree(r.card()));
        root.set("customer", MAPPER.valueToTree(r.customer()));
        root.put("confidence_level", r.level());
        root.set("tolerance", MAPPER.valueToTree(r.tolerance()));
        ArrayNode degraded = root.putArray("degraded");
        r.comparisons().stream().filter(c -> "fail".equals(c.verdict())).forEach(c -> degraded.add(MAPPER.valueToTree(c)));
        ArrayNode diff = root.putArray("differential_degradation");
        r.differences().stream().filter(LastMileResult.Difference::significant).forEach(d -> diff.add(MAPPER.valueToTree(d)));
        ArrayNode inter = root.putArray("condition_by_group");
        r.interactions().stream().filter(LastMileResult.Interaction::significant).forEach(x -> inter.add(MAPPER.valueToTree(x)));
        root.set("not_covered", MAPPER.valueToTree(r.coverage()));
        ArrayNode claims = root.putArray("claims_failing");
        r.claims().stream().filter(c -> "fail".equals(c.customerOutcome())).forEach(c -> claims.add(MAPPER.valueToTree(c)));
        root.set("advice", MAPPER.valueToTree(r.advice()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
