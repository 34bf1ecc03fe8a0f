package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.speech.TestData;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.tools.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAPSSWE against sclite's own ({@code sc_stats -t mapsswe}) on real data: the shared set's clean
 * references, "system A" = the clean-audio hypotheses, "system B" = the imaging-condition hypotheses of
 * the same sentences and voices.
 */
class MapssweScliteTest {

    @TempDir
    Path tmp;

    private List<List<Utterance>> systems() throws Exception {
        Path d = TestData.speechDir();
        List<Utterance> ref = new ArrayList<>();
        for (Utterance u : TrnFormat.read(d.resolve("ref.trn"), SpeakerIds.SCLITE)) {
            if (u.id().contains("_clean_")) {
                ref.add(u);
            }
        }
        List<Utterance> a = new ArrayList<>();
        List<Utterance> b = new ArrayList<>();
        for (Utterance u : TrnFormat.read(d.resolve("hyp.trn"), SpeakerIds.SCLITE)) {
            if (u.id().contains("_clean_")) {
                a.add(u);
            } else if (u.id().contains("_imaging_")) {
                b.add(Utterance.of(u.id().replace("_imaging_", "_clean_"), u.speaker(), u.text()));
            }
        }
        return List.of(ref, a, b);
    }

    private Mapsswe.Result ours(List<List<Utterance>> s) {
        Map<String, String> a = new HashMap<>();
        Map<String, String> b = new HashMap<>();
        s.get(1).forEach(u -> a.put(u.id(), u.text()));
        s.get(2).forEach(u -> b.put(u.id(), u.text()));
        Normalizer n = Normalizer.scliteDefault();
        List<Mapsswe.Triple> triples = new ArrayList<>();
        for (Utterance r : s.get(0)) {
            triples.add(new Mapsswe.Triple(n.tokens(r.text()), n.tokens(a.get(r.id())), n.tokens(b.get(r.id()))));
        }
        return Mapsswe.test(triples);
    }

    @Test
    void matchesTheFiguresScStatsPrintedForTheSharedSet() throws Exception {
        // sc_stats 1.3 (sctk 2.4.10): "(# segs: 435) ... (mean: -1.103) (std dev: 1.844) (Z Stat: -12.478)",
        // segment errors 1326 and 1806.
        Mapsswe.Result r = ours(systems());
        assertEquals(435, r.segments());
        assertEquals(1326, r.errorsA());
        assertEquals(1806, r.errorsB());
        assertEquals(-1.103, r.meanDifference(), 5e-4);
        assertEquals(1.844, r.sdDifference(), 5e-4);
        assertEquals(-12.478, r.w(), 5e-4);
    }

    @Test
    void matchesScStatsRunHere() throws Exception {
        var sclite = ExternalTools.sclite();
        assumeTrue(sclite.isPresent(), "sclite is not installed");
        Path scStats = sclite.get().resolveSibling("sc_stats");
        assumeTrue(Files.isExecutable(scStats), "sc_stats is not installed next to sclite");
        List<List<Utterance>> s = systems();
        Path ref = tmp.resolve("ref.trn");
        Path a = tmp.resolve("a.trn");
        Path b = tmp.resolve("b.trn");
        TrnFormat.write(ref, s.get(0));
        TrnFormat.write(a, s.get(1));
        TrnFormat.write(b, s.get(2));
        Process p = new ProcessBuilder(sclite.get().toString(), "-r", ref.toString(), "trn", "-h", a.toString(), "trn", "-h",
                b.toString(), "trn", "-i", "rm", "-o", "sgml", "-O", tmp.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("sclite.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "sclite -o sgml failed");
        Path sgml = tmp.resolve("all.sgml");
        Files.write(sgml, Files.readAllBytes(tmp.resolve("a.trn.sgml")));
        Files.write(sgml, Files.readAllBytes(tmp.resolve("b.trn.sgml")), java.nio.file.StandardOpenOption.APPEND);
        Process st = new ProcessBuilder(scStats.toString(), "-p", "-t", "mapsswe", "-v", "-n", "-").redirectErrorStream(true)
                .redirectInput(sgml.toFile()).start();
        String out = new String(st.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(st.waitFor(120, TimeUnit.SECONDS), "sc_stats did not finish");
        Matcher m = Pattern.compile("\\(# segs: (\\d+)\\).*\\(mean: ([-0-9.]+)\\) \\(std dev: ([-0-9.]+)\\) \\(Z Stat: ([-0-9.]+)\\)")
                .matcher(out);
        assertTrue(m.find(), out);
        Mapsswe.Result r = ours(s);
        assertEquals(Integer.parseInt(m.group(1)), r.segments());
        assertEquals(Double.parseDouble(m.group(2)), r.meanDifference(), 5e-4);
        assertEquals(Double.parseDouble(m.group(3)), r.sdDifference(), 5e-4);
        assertEquals(Double.parseDouble(m.group(4)), r.w(), 5e-4);
    }
}
