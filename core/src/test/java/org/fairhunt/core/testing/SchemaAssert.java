package org.fairhunt.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.stream.Collectors;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;

/**
 * Validates a result against the JSON Schema its kind publishes (draft 2020-12, networknt's
 * validator): the schema is read from the classpath exactly as a user finds it in the jar, through
 * its {@code $id} URI, and the output must name that URI in {@code $schema} and the kind's name in
 * {@code schema}.
 */
public final class SchemaAssert {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(ResultKind.URI_BASE, "classpath:" + ResultKind.RESOURCE_BASE)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private SchemaAssert() {
    }

    /** The kind's published schema. */
    public static JsonSchema schema(ResultKind kind) {
        return FACTORY.getSchema(SchemaLocation.of(kind.uri()), CONFIG);
    }

    /** The validation messages for {@code output} (empty when valid). */
    public static Set<String> problems(ResultKind kind, JsonNode output) {
        Set<ValidationMessage> messages = schema(kind).validate(output);
        return messages.stream().map(ValidationMessage::toString).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Fails with every validation message unless {@code output} is a valid result of {@code kind}. */
    public static void assertValid(ResultKind kind, JsonNode output) {
        assertEquals(kind.uri(), output.path("$schema").asText(null), "$schema");
        assertEquals(kind.schemaName(), output.path("schema").asText(null), "schema");
        Set<String> problems = problems(kind, output);
        if (!problems.isEmpty()) {
            fail(problems.size() + " schema violation(s) of " + kind.uri() + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Fails with every validation message unless {@code output} is valid against the definition {@code def} of the
     * kind's schema ({@code <uri>#/$defs/<def>}): for results that do not carry {@code $schema}, such as the
     * service's API responses.
     */
    public static void assertValidDefinition(ResultKind kind, String def, JsonNode output) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(kind.uri() + "#/$defs/" + def), CONFIG);
        Set<String> problems = schema.validate(output).stream().map(ValidationMessage::toString)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!problems.isEmpty()) {
            fail(problems.size() + " schema violation(s) of " + kind.uri() + "#/$defs/" + def + ":\n  " + String.join("\n  ", problems)
                    + "\nin " + output);
        }
    }

    /** {@link #assertValid(ResultKind, JsonNode)} for JSON text. */
    public static void assertValid(ResultKind kind, String json) {
        assertValid(kind, Json.parse(json));
    }

}
