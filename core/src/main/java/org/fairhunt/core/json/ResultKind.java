package org.fairhunt.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Every kind of result Fairhunt publishes, with its schema's three names. A kind's JSON Schema ships
 * in the jar of the module that produces it (audit in core, slices and coverage in discovery, wer in
 * speech, bounty status in bounty, card, lastmile and findings in lastmile, the service's API in server) at {@link #resource()}; each
 * output names it in {@code $schema} ({@link #uri()}) and carries {@code schema} = {@link #schemaName()} — except the service's API
 * responses ({@link #SERVICE}), several of which are arrays: its schema holds one definition per response under {@code $defs}, and
 * the service's OpenAPI document points each route at its definition. Version 1 is a contract: fields
 * may be added, never renamed, removed or changed in type (a golden-file test per kind holds it).
 */
public enum ResultKind {
    AUDIT("audit"),
    SLICES("slices"),
    COVERAGE("coverage"),
    WER("wer"),
    BOUNTY_STATUS("bounty-status"),
    CARD("card"),
    LASTMILE("lastmile"),
    FINDINGS("findings"),
    /** The bias bounty service's REST API responses ({@code $defs/<response>}; see {@code server/README.md}). */
    SERVICE("service");

    /** Where schema URIs live; {@code $id} of each schema file. */
    public static final String URI_BASE = "https://fairhunt.org/schemas/";
    /** The classpath folder of the schema files. */
    public static final String RESOURCE_BASE = "org/fairhunt/schemas/";
    /** The current major version of every kind. */
    public static final int VERSION = 1;

    private final String id;

    ResultKind(String id) {
        this.id = id;
    }

    /** The kind as written in names ({@code audit}, {@code bounty-status}). */
    public String id() {
        return id;
    }

    /** {@code fairhunt.<kind>/v1}, the value of each result's {@code schema} field. */
    public String schemaName() {
        return "fairhunt." + id + "/v" + VERSION;
    }

    /** {@code https://fairhunt.org/schemas/<kind>-v1.schema.json}, the value of {@code $schema} and the schema's {@code $id}. */
    public String uri() {
        return URI_BASE + fileName();
    }

    /** {@code org/fairhunt/schemas/<kind>-v1.schema.json}, the schema file on the classpath. */
    public String resource() {
        return RESOURCE_BASE + fileName();
    }

    private String fileName() {
        return id + "-v" + VERSION + ".schema.json";
    }

    /** The published schema, read from the classpath (the producing module's jar must be on it). */
    public JsonNode schema() {
        ClassLoader loader = ResultKind.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("the JSON Schema " + resource() + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
