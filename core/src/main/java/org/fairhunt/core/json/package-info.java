/**
 * Fairhunt's one JSON configuration and its result-schema conventions. {@link org.fairhunt.core.json.Json}
 * holds the only {@code ObjectMapper} for results: indented, map entries in insertion order, and a
 * non-finite number written as {@code null} (never the string {@code "NaN"} or {@code "Infinity"}
 * where a number belongs; producers put the reason beside it). {@link org.fairhunt.core.json.ResultKind}
 * names every result kind once: its schema name {@code fairhunt.<kind>/v1}, the URI written as
 * {@code $schema} in each output, and the JSON Schema file shipped in the producing module's jar under
 * {@code org/fairhunt/schemas/<kind>-v1.schema.json}.
 */
package org.fairhunt.core.json;
