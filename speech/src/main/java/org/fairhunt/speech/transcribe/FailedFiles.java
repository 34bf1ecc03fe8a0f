package org.fairhunt.speech.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * The list of files a recognizer failed on, kept beside the trn that {@code transcribe} wrote
 * ({@code hyp.trn.failed.jsonl}, one {@code {"id", "file", "reason"}} object a line). The trn itself holds
 * an empty hypothesis for each of them, which sclite and {@code wer} score as all deletions; {@code wer}
 * reads this list to name them in its report.
 */
public final class FailedFiles {
    /** Made on first use: most trn files have no failures file beside them, and a mapper costs ~20 ms CPU to set up. */
    private static final class Parser {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private FailedFiles() {
    }

    public static Path fileBeside(Path trn) {
        return trn.resolveSibling(trn.getFileName() + ".failed.jsonl");
    }

    /** The failures beside {@code trn} (id to reason), or an empty map when there is no list. */
    public static Map<String, String> readBeside(Path trn) {
        Path file = fileBeside(trn);
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Parser.JSON.readTree(line);
                } catch (IOException e) {
                    throw new DataFormatException(file.toString(), number, 1, "expected a JSON object {\"id\", \"file\", \"reason\"}");
                }
                if (n == null || !n.hasNonNull("id")) {
                    throw new DataFormatException(file.toString(), number, 1, "expected a JSON object with an \"id\"");
                }
                out.put(n.get("id").asText(), n.path("reason").asText(""));
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The list's text for failures given as id to (file, reason). */
    public static String render(Map<String, String[]> failures) {
        StringWriter w = new StringWriter();
        failures.forEach((id, fileAndReason) -> {
            var n = Parser.JSON.createObjectNode();
            n.put("id", id);
            n.put("file", fileAndReason[0]);
            n.put("reason", fileAndReason[1]);
            w.append(n.toString()).append('\n');
        });
        return w.toString();
    }
}
