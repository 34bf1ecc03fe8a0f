package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;

/** Helpers shared by the reader tests: resource paths, the shared data folder, cell checks. */
final class TestFiles {
    private TestFiles() {
    }

    /** A file under {@code src/test/resources/io/}. */
    static Path resource(String name) {
        URL url = TestFiles.class.getResource("/io/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource io/" + name);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file in the repository's shared data folder ({@code <repo>/../shared/data}), or null when absent. */
    static Path sharedData(String name) {
        return org.fairhunt.core.testing.SharedData.find(name).filter(Files::isRegularFile).orElse(null);
    }

    static Table read(String resource) {
        return TableReaders.read(resource(resource), ReadOptions.defaults());
    }

    /** Reads a resource that must fail and checks the whole message: "path:line:column: problem". */
    static DataFormatException assertFails(String resource, ReadOptions options, long line, int column, String problem) {
        Path p = resource(resource);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReaders.read(p, options));
        String where = p + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        assertEquals(where + ": " + problem, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        return e;
    }

    static DataFormatException assertFails(String resource, long line, int column, String problem) {
        return assertFails(resource, ReadOptions.defaults(), line, column, problem);
    }

    /** The column's cells as text ({@code null} for missing), for whole-column comparisons. */
    static String[] texts(Column c) {
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.text(i);
        }
        return out;
    }

    /** A stream that hands over one to three bytes per read, as a slow network might (seeded). */
    static final class Trickle extends FilterInputStream {
        private final SplittableRandom random;

        Trickle(InputStream in, long seed) {
            super(in);
            random = new SplittableRandom(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(3)));
        }
    }
}
