package org.fairhunt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.report.ReportWriter;

/** Writes an audit's reports into a directory. */
final class Reports {
    private Reports() {
    }

    static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("cannot create the output directory " + dir + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
    }

    static List<Path> writeAll(AuditResult result, Path dir) {
        return ReportWriter.writeAll(result, dir);
    }
}
