package org.fairhunt.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * A policy: a name and a list of constraints, read from YAML or JSON (JSON is YAML, so one reader serves
 * both). The format is documented in {@code docs/policies.md}. Each constraint is either one line,
 *
 * <pre>
 * - "max_gap(error_rate) &lt;= 0.05 over [sex, age_band]"
 * - "ratio(selection_rate) &gt;= 0.8"
 * - "value(fnr) &lt;= 0.2 for every slice with n &gt;= 100"
 * </pre>
 *
 * or a mapping with the same parts ({@code value|difference|ratio|max_gap: METRIC},
 * {@code at_most|below|at_least|above: NUMBER}, optional {@code over}, {@code min_n}, {@code name}), or a
 * mapping with {@code constraint: "one line"} and a {@code name}. Mistakes are reported with the file,
 * line and column of the constraint.
 *
 * @param source      the file name
 * @param name        the policy's name, or {@code null}
 * @param constraints the constraints, in file order
 */
public record Policy(String source, String name, List<Constraint> constraints) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory YAML = new YAMLFactory();
    private static final Pattern LINE = Pattern.compile("\\s*(value|difference|ratio|max_gap)\\s*\\(\\s*([^()\\s]+)\\s*\\)\\s*"
            + "(<=|>=|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*"
            + "(?:over\\s*\\[([^\\]]*)\\])?\\s*"
            + "(?:(?:for\\s+every\\s+slice\\s+)?with\\s+n\\s*>=\\s*([0-9]+))?\\s*");
    private static final String ONE_LINE_FORM = "KIND(METRIC) OP BOUND [over [ATTR, ATTR & ATTR]] [for every slice with n >= N],"
            + " KIND one of value, difference, ratio, max_gap and OP one of <=, <, >=, >";
    private static final Set<String> KIND_KEYS = Set.of("value", "difference", "ratio", "max_gap");
    private static final List<String> BOUND_KEYS = List.of("at_most", "below", "at_least", "above");
    private static final Set<String> MAPPING_KEYS = Set.of("value", "difference", "ratio", "max_gap", "at_most", "below",
            "at_least", "above", "over", "min_n", "name", "constraint");

    public Policy {
        constraints = List.copyOf(constraints);
    }

    /** Reads a policy file (YAML or JSON). */
    public static Policy load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("policy file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserInputException("cannot read policy file " + file + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
        return parse(text, file.toString());
    }

    /**
     * A policy of constraints written one per line (as on a command line: {@code "max_gap(wer) <= 0.05"}).
     * A mistake names {@code source} and the constraint's position (1-based) as its line.
     *
     * @param source what the constraints are, for messages (for example the option that gave them)
     */
    public static Policy of(List<String> constraints, String source) {
        if (constraints.isEmpty()) {
            throw new UserInputException(source + ": no constraints given");
        }
        List<Constraint> out = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            out.add(oneLine(constraints.get(i), null, source, i + 1, 0));
        }
        return new Policy(source, null, out);
    }

    /** Parses policy text; {@code source} names it in error messages. */
    public static Policy parse(String text, String source) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(source, p.currentTokenLocation(), "a policy is a mapping with 'constraints' (and optionally 'name')");
            }
            String name = null;
            List<Constraint> constraints = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                switch (field) {
                    case "name" -> name = p.getValueAsString();
                    case "constraints" -> constraints = readConstraints(p, source);
                    default -> throw error(source, at, "unknown key '" + field + "'; a policy has 'name' and 'constraints'");
                }
            }
            if (constraints == null || constraints.isEmpty()) {
                throw new DataFormatException(source, 0, 0, "the policy has no constraints; list them under 'constraints:'");
            }
            return new Policy(source, name, constraints);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                // SnakeYAML knows where the problem is; Jackson's location is where the enclosing block began.
                throw new DataFormatException(source, y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1,
                        "not valid YAML or JSON: " + y.getProblem());
            }
            JsonLocation at = e.getLocation();
            throw new DataFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid YAML or JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException(source + ": cannot read the policy: " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
    }

    private static List<Constraint> readConstraints(JsonParser p, String source) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(source, p.currentTokenLocation(), "'constraints' must be a list");
        }
        List<Constraint> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentTokenLocation();
            JsonNode node = MAPPER.readTree(p);
            out.add(constraint(node, source, at));
        }
        return out;
    }

    private static DataFormatException error(String source, JsonLocation at, String problem) {
        return new DataFormatException(source, at.getLineNr(), at.getColumnNr(), problem);
    }

    private static Constraint constraint(JsonNode node, String source, JsonLocation at) {
        if (node.isTextual()) {
            return oneLine(node.asText(), null, source, at.getLineNr(), at.getColumnNr());
        }
        if (!node.isObject()) {
            throw error(source, at, "a constraint is a line such as \"ratio(selection_rate) >= 0.8\" or a mapping; got " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!MAPPING_KEYS.contains(key)) {
                throw error(source, at, "unknown key '" + key + "' in a constraint; expected one of " + String.join(", ",
                        List.of("value", "difference", "ratio", "max_gap", "at_most", "below", "at_least", "above", "over",
                                "min_n", "name", "constraint")));
            }
        }
        String name = node.hasNonNull("name") ? node.get("name").asText() : null;
        if (node.has("constraint")) {
            if (node.size() > (name == null ? 1 : 2)) {
                throw error(source, at, "a constraint given as 'constraint: \"...\"' takes only a 'name' besides");
            }
            return oneLine(node.get("constraint").asText(), name, source, at.getLineNr(), at.getColumnNr());
        }
        List<String> kinds = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (KIND_KEYS.contains(k)) {
                kinds.add(k);
            }
        });
        if (kinds.size() != 1) {
            throw error(source, at, "a constraint names exactly one of value, difference, ratio, max_gap with its metric; found "
                    + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
        }
        List<String> bounds = BOUND_KEYS.stream().filter(node::has).toList();
        if (bounds.size() != 1) {
            throw error(source, at, "a constraint gives exactly one of at_most, below, at_least, above; found "
                    + (bounds.isEmpty() ? "none" : String.join(", ", bounds)));
        }
        JsonNode boundNode = node.get(bounds.get(0));
        if (!boundNode.isNumber()) {
            throw error(source, at, "'" + bounds.get(0) + "' must be a number; got " + boundNode);
        }
        Constraint.Kind kind = Constraint.Kind.valueOf(kinds.get(0).toUpperCase(Locale.ROOT));
        Constraint.Comparison comparison = switch (bounds.get(0)) {
            case "at_most" -> Constraint.Comparison.AT_MOST;
            case "below" -> Constraint.Comparison.BELOW;
            case "at_least" -> Constraint.Comparison.AT_LEAST;
            default -> Constraint.Comparison.ABOVE;
        };
        List<List<String>> over = new ArrayList<>();
        if (node.has("over")) {
            JsonNode o = node.get("over");
            if (o.isTextual()) {
                over.add(attributeSet(o.asText(), source, at));
            } else if (o.isArray()) {
                for (JsonNode item : o) {
                    over.add(attributeSet(item.asText(), source, at));
                }
            } else {
                throw error(source, at, "'over' must be a list of attributes (\"sex & age\" for an intersection)");
            }
        }
        long minN = 0;
        if (node.has("min_n")) {
            JsonNode m = node.get("min_n");
            if (!m.canConvertToLong() || !m.isIntegralNumber() || m.asLong() < 0) {
                throw error(source, at, "'min_n' must be a whole number of rows >= 0; got " + m);
            }
            minN = m.asLong();
        }
        String metric = node.get(kinds.get(0)).asText();
        double bound = boundNode.asDouble();
        return new Constraint(Constraint.canonical(kind, metric, comparison, bound, over, minN), name, kind, metric, comparison,
                bound, over, minN, at.getLineNr(), at.getColumnNr());
    }

    private static Constraint oneLine(String line, String name, String source, int lineNr, int columnNr) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new DataFormatException(source, lineNr, columnNr, "cannot read the constraint \"" + line + "\"; expected "
                    + ONE_LINE_FORM);
        }
        Constraint.Kind kind = Constraint.Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Constraint.Comparison comparison = Constraint.Comparison.ofSymbol(m.group(3));
        double bound = Double.parseDouble(m.group(4));
        List<List<String>> over = new ArrayList<>();
        if (m.group(5) != null) {
            for (String item : m.group(5).split(",")) {
                if (!item.isBlank()) {
                    over.add(attributeSet(item, source, lineNr, columnNr));
                }
            }
        }
        long minN = m.group(6) == null ? 0 : Long.parseLong(m.group(6));
        return new Constraint(Constraint.canonical(kind, m.group(2), comparison, bound, over, minN), name, kind, m.group(2),
                comparison, bound, over, minN, lineNr, columnNr);
    }

    private static List<String> attributeSet(String text, String source, JsonLocation at) {
        return attributeSet(text, source, at.getLineNr(), at.getColumnNr());
    }

    private static List<String> attributeSet(String text, String source, int lineNr, int columnNr) {
        List<String> attrs = new ArrayList<>();
        for (String a : text.split("&")) {
            if (a.isBlank()) {
                throw new DataFormatException(source, lineNr, columnNr, "empty attribute in 'over' entry \"" + text + "\"");
            }
            attrs.add(a.trim());
        }
        return attrs;
    }
}
