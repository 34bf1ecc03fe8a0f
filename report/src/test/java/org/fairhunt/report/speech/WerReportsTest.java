package org.fairhunt.report.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.report.Formats;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.normalize.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WerReportsTest {

    @TempDir
    Path tmp;

    @Test
    void aSliceWithoutReferenceWordsHasNoWerInTheSummaryOrTheJson() throws Exception {
        // Group b holds only insertions into silence: its WER is undefined ("no reference words"), not infinity.
        Table t = new Table("t.csv", List.<Column>of(new TextColumn("utterance_id", new String[] {"u1", "u2", "u3"}),
                WerAudit.categorical("group", new String[] {"a", "a", "b"}),
                new TextColumn("reference", new String[] {"a b c d", "e f", ""}),
                new TextColumn("hypothesis", new String[] {"a b x d", "e", "uh oh"})));
        var options = new WerAudit.Options(Normalizer.scliteDefault(), List.of("group"), 1, 0, 1, null, 1, 1, 0.95);
        WerAudit.Result r = WerAudit.run(t, "utterance_id", "reference", "hypothesis", null, options, Map.of());
        String summary = WerReports.summary(r);
        // group=b: 1 utterance, 0 words; every rate undefined, printed as every report prints it; S.Err 100
        assertTrue(summary.matches("(?s).*group=b\\s+1\\s+0 \\|\\s+" + String.join("\\s+", List.of(Formats.UNDEFINED,
                Formats.UNDEFINED, Formats.UNDEFINED, Formats.UNDEFINED, Formats.UNDEFINED)) + "\\s+100\\.0.*"), summary);
        // group=a: 6 words, 1 substitution + 1 deletion
        assertTrue(summary.matches("(?s).*group=a\\s+2\\s+6 \\|\\s+66\\.7\\s+16\\.7\\s+16\\.7\\s+0\\.0\\s+33\\.3\\s+100\\.0.*"), summary);
        var b = r.audit().slices().stream().filter(s -> s.label().equals("group=b")).findFirst().orElseThrow();
        assertEquals(null, b.metric("wer").value());
        assertEquals("no reference words", b.metric("wer").reason());
        List<Path> files = WerReports.writeAll(r, tmp.resolve("out"), 2);
        for (String f : List.of("audit.json", "audit.md", "audit.html", "summary.txt", "alignments.txt", "ref.norm.trn", "hyp.norm.trn")) {
            assertTrue(files.contains(tmp.resolve("out").resolve(f)) && Files.isRegularFile(tmp.resolve("out").resolve(f)), f);
        }
        assertTrue(Files.readString(tmp.resolve("out/audit.md")).contains("worst utterances of group=a"));
    }
}
