package org.fairhunt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.result.AuditJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writes_json_markdown_and_html_into_a_new_nested_folder(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("reports/run-1");
        List<Path> files = ReportWriter.writeAll(HandAudits.result(), out);
        assertEquals(List.of(out.resolve("audit.json"), out.resolve("audit.md"), out.resolve("audit.html")), files);
        JsonNode json = AuditJson.mapper().readTree(out.resolve("audit.json").toFile());
        assertEquals("fairhunt.audit/v1", json.get("schema").asText());
        assertEquals(12, json.get("rows").asInt());
        assertTrue(Files.readString(out.resolve("audit.md")).startsWith("# Fairness audit: hand.csv\n"));
        assertTrue(Files.readString(out.resolve("audit.html")).startsWith("<!DOCTYPE html>\n"));
    }

    @Test
    void a_file_in_place_of_the_folder_is_a_clear_user_error(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        UserInputException e = assertThrows(UserInputException.class, () -> ReportWriter.writeAll(HandAudits.result(), file));
        assertEquals("cannot write the reports to " + file + ": it is a file, not a folder", e.getMessage());
        UserInputException nested = assertThrows(UserInputException.class,
                () -> ReportWriter.writeAll(HandAudits.result(), file.resolve("sub")));
        assertTrue(nested.getMessage().startsWith("cannot create the report folder " + file.resolve("sub") + ": "), nested.getMessage());
    }

    @Test
    void an_unknown_metric_writes_nothing(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        assertThrows(UserInputException.class,
                () -> ReportWriter.writeAll(HandAudits.result(), out, ReportOptions.metrics(List.of("wer"))));
        assertTrue(Files.notExists(out));
    }
}
