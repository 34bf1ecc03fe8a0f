package org.fairhunt.cli.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.report.ReportWriter;

/** Writes an audit's reports into a directory. */
public final class Reports {
    private Reports() {
    }

    public static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException("cannot create the output directory " + dir + ": " + org.fairhunt.core.io.IoMessages.describe(e), e);
        }
    }

    public static List<Path> writeAll(AuditResult result, Path dir) {
        return ReportWriter.writeAll(result, dir);
    }
}
