package org.fairhunt.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDecorator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import org.fairhunt.core.io.AtomicFiles;

/**
 * The one JSON configuration for everything Fairhunt writes or reads as a result.
 *
 * <p>Numbers: JSON has no NaN or infinity, and Jackson's default would write them as the strings
 * {@code "NaN"} and {@code "Infinity"}, a string where a reader expects a number. Here every
 * non-finite {@code double} or {@code float} — from a record field, a map value or a tree node — is
 * written as {@code null}. That is a last line of defence, not the policy: a value that can be
 * undefined is {@code null} with a {@code reason} field beside it, set by whoever computed it.
 *
 * <p>Order: records keep their declared field order and maps their insertion order (which the result
 * tree fixes deterministically), so the same input gives byte-identical output.
 */
public final class Json {
    /**
     * The factory of every generator and of the mapper: non-finite numbers as {@code null}; a character beyond U+FFFF
     * (an emoji in a group's name) written as bytes is its four UTF-8 bytes, as {@code String.getBytes} gives it, not
     * a pair of {@code \\u} escapes, so a file reads the same whether it was written as text or as bytes.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder().addDecorator(new FiniteOnly())
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /**
     * Built on first use: an {@code ObjectMapper}'s class initialization alone (its date formats and locale data)
     * costs a short command about 10 ms, which writers that stream through {@link #generator} never pay.
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    private Json() {
    }

    /** The shared mapper. Do not reconfigure it; build trees with {@link #object()} or {@code valueToTree}. */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * A generator that writes as the mapper does (indented by the default pretty printer, non-finite numbers as
     * {@code null}) without building the mapper; it has no codec until the mapper exists, so trees are written
     * with {@code mapper().writeTree(g, node)}.
     */
    public static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter());
    }

    /** {@link #generator(Writer)} writing UTF-8 to a stream. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter());
    }

    /** {@code node.put(field, v)}, or {@code null} when {@code v} is not finite. */
    public static ObjectNode putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
        return node;
    }

    /** The value as indented JSON text with a final newline. */
    public static String toText(Object value) {
        try {
            return mapper().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text (for tests and readers of results). */
    public static JsonNode parse(String text) {
        try {
            return mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the value as indented JSON to {@code file}, atomically ({@link AtomicFiles}): streamed, so
     * a large result is never held twice as text.
     */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = mapper().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                mapper().writeValue(g, value);
                g.writeRaw('\n');
            }
        });
    }

    /** Replaces non-finite floating-point numbers by {@code null} at the generator, whatever wrote them. */
    private static final class FiniteOnly implements JsonGeneratorDecorator {
        @Override
        public JsonGenerator decorate(JsonFactory factory, JsonGenerator generator) {
            return new JsonGeneratorDelegate(generator, true) {
                @Override
                public void writeNumber(double v) throws IOException {
                    if (Double.isFinite(v)) {
                        super.writeNumber(v);
                    } else {
                        writeNull();
                    }
                }

                @Override
                public void writeNumber(float v) throws IOException {
                    if (Float.isFinite(v)) {
                        super.writeNumber(v);
                    } else {
                        writeNull();
                    }
                }
            };
        }
    }
}
