package org.fairhunt.lastmile.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairhunt.core.UserInputException;
import org.fairhunt.lastmile.sign.Dsse;

/**
 * A service card ({@value #SCHEMA}) as read back: the JSON tree and typed views of what a customer's
 * test needs. The layout is documented in the JSON Schema {@code card-v1.schema.json} shipped in this jar.
 *
 * @param json      the card document
 * @param signature who signed it and with which key, when the file was a verified envelope; else {@code null}
 */
public record Card(JsonNode json, Signed signature) {
    public static final String SCHEMA = org.fairhunt.core.json.ResultKind.CARD.schemaName();

    /** Who signed: the signer's name and key id as recorded in the signed payload, and when. */
    public record Signed(String signer, String keyId, String signedAt) {
    }

    /** One metric of one slice of the card. */
    public record Estimate(double value, Double lo, Double hi, long n, Integer clusters, double[] replicates) {
        public double se() {
            return org.fairhunt.lastmile.compare.Comparisons.sd(replicates);
        }
    }

    /**
     * Reads a card file: a plain card, or a DSSE envelope. An envelope is verified when {@code key} is
     * given (any changed byte is refused); with {@code requireSigned}, a plain card or a missing key is refused.
     */
    public static Card read(Path file, PublicKey key, boolean requireSigned) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read card " + file + ": " + e.getMessage(), e);
        }
        JsonNode json = Dsse.parse(bytes, file.toString());
        Signed signed = null;
        if (Dsse.isEnvelope(json)) {
            if (key != null) {
                Dsse.Opened opened = Dsse.open(bytes, file.toString(), Dsse.CARD_TYPE, key);
                json = opened.document();
                JsonNode s = json.path("signature");
                signed = new Signed(s.path("signer").asText(null), opened.keyId(), s.path("signed_at").asText(null));
            } else if (requireSigned) {
                throw new UserInputException(file + ": --require-signed needs the provider's public key (--pubkey FILE) to verify"
                        + " the signature");
            } else {
                json = Dsse.unverifiedPayload(json, file.toString());
            }
        } else if (requireSigned) {
            throw new UserInputException(file + ": the card is not signed (not a DSSE envelope) and --require-signed was given;"
                    + " ask the provider for the signed card (fairhunt card sign)");
        } else if (key != null) {
            throw new UserInputException(file + ": --pubkey was given but the card is not signed (not a DSSE envelope)");
        }
        return of(json, file.toString(), signed);
    }

    /** Checks the schema version and the parts a test relies on. */
    public static Card of(JsonNode json, String source, Signed signed) {
        String schema = json.path("schema").asText(null);
        if (!SCHEMA.equals(schema)) {
            throw new UserInputException(source + ": schema is " + (schema == null ? "missing" : "'" + schema + "'")
                    + "; this Fairhunt reads service cards of schema '" + SCHEMA + "'");
        }
        for (String field : List.of("about", "evaluation", "slices")) {
            if (!json.has(field)) {
                throw new UserInputException(source + ": a " + SCHEMA + " card needs the field '" + field + "'");
            }
        }
        return new Card(json, signed);
    }

    public JsonNode about() {
        return json.path("about");
    }

    public JsonNode evaluation() {
        return json.path("evaluation");
    }

    /** The group attributes the provider evaluated, in order. */
    public List<String> groups() {
        List<String> out = new ArrayList<>();
        evaluation().path("groups").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Metric name → whether higher is better ({@code null}: neither), for every metric on the card. */
    public Map<String, Boolean> metrics() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = evaluation().path("metrics").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode h = e.getValue().path("higher_is_better");
            out.put(e.getKey(), h.isBoolean() ? h.booleanValue() : null);
        }
        return out;
    }

    public double level() {
        return evaluation().path("confidence_level").asDouble(0.95);
    }

    /** The speech normalization chain as described by the provider's audit, or {@code null} for other tasks. */
    public String normalization() {
        JsonNode n = evaluation().path("speech").path("normalization");
        return n.isTextual() ? n.asText() : null;
    }

    /** The values each attribute took in the provider's data. */
    public Map<String, List<String>> values() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : groups()) {
            out.put(g, new ArrayList<>());
        }
        for (JsonNode s : json.path("slices")) {
            if (s.path("attributes").size() == 1) {
                var e = s.path("attributes").fields().next();
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asText());
            }
        }
        return out;
    }

    /** The card's estimate of {@code metric} on the slice {@code attributes}, or {@code null} if the card has no such slice or value. */
    public Estimate estimate(Map<String, String> attributes, String metric) {
        JsonNode slice = slice(attributes);
        if (slice == null) {
            return null;
        }
        JsonNode m = slice.path("metrics").path(metric);
        if (!m.path("value").isNumber()) {
            return null;
        }
        JsonNode ci = m.path("ci");
        double[] reps = m.has("replicates") ? Evidence.decode(m.get("replicates"), "card slice " + attributes + " " + metric)
                : new double[0];
        return new Estimate(m.path("value").asDouble(), ci.has("lo") ? ci.get("lo").asDouble() : null,
                ci.has("hi") ? ci.get("hi").asDouble() : null, slice.path("n").asLong(),
                slice.has("clusters") ? slice.get("clusters").asInt() : null, reps);
    }

    /** The slice node with exactly these attributes, or {@code null}. */
    public JsonNode slice(Map<String, String> attributes) {
        Map<String, String> want = new TreeMap<>(attributes);
        for (JsonNode s : json.path("slices")) {
            Map<String, String> have = new TreeMap<>();
            s.path("attributes").fields().forEachRemaining(e -> have.put(e.getKey(), e.getValue().asText()));
            if (have.equals(want)) {
                return s;
            }
        }
        return null;
    }

    /** The claims' constraint texts, as the provider wrote them. */
    public List<String> claims() {
        List<String> out = new ArrayList<>();
        json.path("claims").forEach(c -> out.add(c.path("constraint").asText()));
        return out;
    }

    /** A copy of the document as an object node (for signing). */
    public ObjectNode copy() {
        return (ObjectNode) json.deepCopy();
    }
}
