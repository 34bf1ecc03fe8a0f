package org.fairhunt.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.report.html.HtmlReport;
import org.fairhunt.report.markdown.MarkdownReport;

/** Writes an audit's three forms side by side: {@code audit.json}, {@code audit.md} and {@code audit.html}. */
public final class ReportWriter {
    public static final String JSON = "audit.json";
    public static final String MARKDOWN = "audit.md";
    public static final String HTML = "audit.html";

    private ReportWriter() {
    }

    /** {@link #writeAll(AuditResult, Path, ReportOptions)} with every metric of the audit. */
    public static List<Path> writeAll(AuditResult result, Path outDir) {
        return writeAll(result, outDir, ReportOptions.DEFAULT);
    }

    /**
     * Creates {@code outDir} (and its parents) if needed and writes the three files, replacing older
     * ones. All three are rendered before anything is written, so a bad option leaves no half-written
     * set behind, and each is replaced atomically, so a kill or a full disk never leaves a truncated file
     * (a {@link org.fairhunt.core.StorageException} names the file; the previous one stays). A folder that cannot be created or written is the user's to fix, and the message says
     * which and why.
     *
     * @return the files written: JSON, Markdown, HTML
     */
    public static List<Path> writeAll(AuditResult result, Path outDir, ReportOptions options) {
        byte[] json = AuditJson.toUtf8(result);
        String markdown = MarkdownReport.render(result, options);
        String html = HtmlReport.render(result, options);
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(JSON, json);
        files.put(MARKDOWN, markdown.getBytes(StandardCharsets.UTF_8));
        files.put(HTML, html.getBytes(StandardCharsets.UTF_8));
        return writeEncoded(outDir, files);
    }

    /**
     * Writes each named text into {@code outDir} (created if needed), each file atomically; returns their
     * paths in the given order. A folder that cannot be made is a clear user error. Every result kind's
     * reports are written through here.
     */
    public static List<Path> writeFiles(Path outDir, java.util.Map<String, String> contentByName) {
        java.util.Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
        contentByName.forEach((name, text) -> encoded.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return writeEncoded(outDir, encoded);
    }

    /** {@link #writeFiles} with each file's content already in UTF-8. */
    private static List<Path> writeEncoded(Path outDir, java.util.Map<String, byte[]> contentByName) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UserInputException("cannot write the reports to " + outDir + ": it is a file, not a folder");
        }
        try {
            Files.createDirectories(outDir);
        } catch (FileAlreadyExistsException e) {
            throw new UserInputException("cannot create the report folder " + outDir + ": " + e.getFile() + " is a file", e);
        } catch (IOException e) {
            throw new UserInputException("cannot create the report folder " + outDir + ": " + AtomicFiles.describe(e), e);
        }
        List<Path> out = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, byte[]> f : contentByName.entrySet()) {
            Path file = outDir.resolve(f.getKey());
            write(file, f.getValue());
            out.add(file);
        }
        return List.copyOf(out);
    }

    /** Each file is replaced atomically: a kill or a full disk leaves the previous complete file. */
    private static void write(Path file, byte[] content) {
        AtomicFiles.writeBytes(file, content);
    }
}
