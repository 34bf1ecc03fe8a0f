package org.fairhunt.report.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.json.Json;
import org.fairhunt.report.ReportWriter;

/** What the slices and coverage writers share: string arrays in core's JSON, and their three files. */
final class Nodes {
    private Nodes() {
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.mapper().createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Writes {@code NAME.json}, {@code NAME.md} and {@code NAME.html} into {@code dir}, each atomically. */
    static List<Path> writeThree(Path dir, String name, String json, String markdown, String html) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + ".json", json);
        files.put(name + ".md", markdown);
        files.put(name + ".html", html);
        return ReportWriter.writeFiles(dir, files);
    }
}
