package org.fairhunt.discovery.realdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The real data sets: the fixtures shipped with the tests ({@code src/test/resources/realdata}, copies of
 * shared/data files; see the README there for origins and licences), else the shared folder beside the
 * repository; the speech set is the speech module's shipped copy (one copy in the repository).
 */
final class RealData {
    private RealData() {
    }

    static Path file(String relative) {
        java.net.URL shipped = RealData.class.getClassLoader().getResource("realdata/" + relative);
        if (shipped != null && "file".equals(shipped.getProtocol())) {
            try {
                return Path.of(shipped.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return org.fairhunt.core.testing.SharedData.require(relative);
    }

    /**
     * The speech evaluation set with two added columns: {@code errors}, the minimum number of word
     * substitutions, deletions and insertions turning the reference into the hypothesis (Levenshtein,
     * written here independently of the speech module), and {@code ref_words}.
     */
    static Table speechWithErrors() {
        Table t = TableReaders.read(org.fairhunt.core.testing.SharedData.shipped(org.fairhunt.core.testing.SharedData.SPEECH_FIXTURES)
                .resolve("asr_eval.csv"),
                ReadOptions.defaults().withTypeHint("reference", ColumnType.TEXT).withTypeHint("hypothesis", ColumnType.TEXT));
        double[] errors = new double[t.rowCount()];
        double[] words = new double[t.rowCount()];
        for (int i = 0; i < t.rowCount(); i++) {
            String[] ref = split(t.column("reference").text(i));
            String[] hyp = split(t.column("hypothesis").text(i));
            errors[i] = editDistance(ref, hyp);
            words[i] = ref.length;
        }
        return t.with(new NumericColumn("errors", errors)).with(new NumericColumn("ref_words", words));
    }

    private static String[] split(String s) {
        if (s == null || s.isBlank()) {
            return new String[0];
        }
        List<String> w = new ArrayList<>(List.of(s.trim().split("\\s+")));
        return w.toArray(new String[0]);
    }

    static int editDistance(String[] a, String[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
