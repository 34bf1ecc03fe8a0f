package org.fairhunt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.WerTotals;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.tools.Sclite;

/**
 * End-to-end driver for issue #6's target: scoring 1 million synthetic utterance pairs (about 20
 * words each) with per-group WER and 200 speaker-clustered bootstrap replicates, next to NIST sclite on
 * trn files of the same data (run in the same process when sclite is installed; its totals must equal
 * ours).
 *
 * <pre>java -Xmx8g -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.WerBench [utterances] [repetitions] [sclite-utterances]</pre>
 *
 * The timed audit is word-level (WER, SER, S/D/I rates); the character alignment for CER is timed
 * once on its own, since it costs about 25 times as much on 20-word utterances. sclite runs on the
 * first 200,000 pairs by default (a full million takes it many minutes); its rate is utterances/s.
 *
 * Data (seed 6): a 5,000-word vocabulary with Zipf(1) frequencies; reference length uniform in 10..30;
 * the hypothesis substitutes 10 %, deletes 5 % and inserts 3 % of words; 2,000 speakers, each with one
 * of 5 accents; 4 conditions per utterance. Groups: accent and condition with their intersections
 * (1 + 5 + 4 + 20 = 30 slices).
 */
public final class WerBench {
    private WerBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int scliteN = args.length > 2 ? Integer.parseInt(args[2]) : Math.min(n, 200_000);
        Table table = data(n, 6);
        System.out.printf(Locale.ROOT, "data: %,d utterance pairs, %.1f reference words on average, heap used %.0f MiB%n", n,
                averageWords(table), BenchData.heapUsedMiB());
        int threads = Runtime.getRuntime().availableProcessors();
        Normalizer normalizer = Normalizer.scliteDefault();

        System.out.printf(Locale.ROOT, "load average before: %.1f on %d cores%n", load(), threads);
        double[] alignSeconds = new double[repetitions];
        double[] alignCpu = new double[repetitions];
        WerScores scores = null;
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            scores = WerScores.compute(table, "reference", "hypothesis", normalizer, threads, false);
            alignSeconds[r] = (System.nanoTime() - t0) / 1e9;
            alignCpu[r] = (cpuNanos() - c0) / 1e9;
        }
        double align = BenchData.median(alignSeconds);
        System.out.printf(Locale.ROOT, "words: normalize+align+count (threads=%d): median %.2f s wall over %d runs (min %.2f, max %.2f), "
                        + "%,.0f utterances/s; median process CPU %.2f s (%,.0f utterances per CPU-second)%n",
                threads, align, repetitions, min(alignSeconds), max(alignSeconds), n / align, BenchData.median(alignCpu),
                n / BenchData.median(alignCpu));

        double[] auditSeconds = new double[repetitions];
        double[] auditCpu = new double[repetitions];
        WerAudit.Result result = null;
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            var options = new WerAudit.Options(normalizer, List.of("accent", "condition"), 2, 200, 1, "speaker", 30, threads, 0.95)
                    .withoutCharacters();
            result = WerAudit.run(table, "utterance_id", "reference", "hypothesis", "speaker", options, Map.of());
            auditSeconds[r] = (System.nanoTime() - t0) / 1e9;
            auditCpu[r] = (cpuNanos() - c0) / 1e9;
        }
        double audit = BenchData.median(auditSeconds);
        WerTotals ours = WerAudit.sliceTotals(result).get("(all)");
        System.out.printf(Locale.ROOT, "full audit, words (align + %d slices x 201 replicates, clustered by speaker): median %.2f s over %d runs "
                        + "(min %.2f, max %.2f), %,.0f utterances/s; overall WER %s%n", result.audit().slices().size(), audit,
                repetitions, min(auditSeconds), max(auditSeconds), n / audit, org.fairhunt.report.Formats.number(ours.wer()));
        System.out.printf(Locale.ROOT, "full audit: median process CPU %.2f s, i.e. %.2f s of wall on %d otherwise idle cores; load average now %.1f%n",
                BenchData.median(auditCpu), BenchData.median(auditCpu) / threads, threads, load());

        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        WerScores withChars = WerScores.compute(table, "reference", "hypothesis", normalizer, threads, true);
        double charSeconds = (System.nanoTime() - t0) / 1e9;
        double charCpu = (cpuNanos() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "words and characters (for CER): one run %.2f s wall, %.2f s CPU, %,.0f utterances/s; overall CER %s%n",
                charSeconds, charCpu, n / charSeconds, org.fairhunt.report.Formats.number(withChars.totals().cer()));

        var sclite = ExternalTools.sclite();
        if (sclite.isEmpty()) {
            System.out.println("sclite: not installed (Debian package sctk); no comparison");
            return;
        }
        Path dir = Files.createTempDirectory("werbench");
        Path ref = dir.resolve("ref.trn");
        Path hyp = dir.resolve("hyp.trn");
        writeTrn(table, scliteN, ref, hyp, id -> id);
        Sclite.Result s = new Sclite(sclite.get()).run(ref, hyp, false, dir);
        long c = 0, sub = 0, del = 0, ins = 0;
        for (Sclite.Counts x : s.utterances().values()) {
            c += x.correct();
            sub += x.substitutions();
            del += x.deletions();
            ins += x.insertions();
        }
        WerTotals sameRows = new WerTotals();
        for (int row = 0; row < scliteN; row++) {
            sameRows.add(scores.score(row));
        }
        double scliteSeconds = s.wallNanos() / 1e9;
        System.out.printf(Locale.ROOT, "sclite on the trn files of the first %,d pairs (-o pralign, one run): %.2f s, %,.0f utterances/s%n",
                scliteN, scliteSeconds, scliteN / scliteSeconds);
        double scliteCpu = scliteCpuSeconds(sclite.get(), ref, hyp);
        if (scliteCpu > 0) {
            System.out.printf(Locale.ROOT, "sclite again, CPU time only (bash 'times'): %.2f s user+sys, %,.0f utterances per CPU-second%n",
                    scliteCpu, scliteN / scliteCpu);
        }
        boolean same = c == sameRows.correct() && sub == sameRows.substitutions() && del == sameRows.deletions()
                && ins == sameRows.insertions() && s.utterances().size() == scliteN;
        System.out.printf(Locale.ROOT, "totals: sclite C=%d S=%d D=%d I=%d; fairhunt %s -> %s%n", c, sub, del, ins, sameRows,
                same ? "IDENTICAL" : "DIFFERENT");
        for (Path p : List.of(ref, hyp, dir)) {
            Files.deleteIfExists(p);
        }
    }

    /** The first {@code n} pairs of {@code table} as reference and hypothesis trn files, ids through {@code idOf}. */
    static void writeTrn(Table table, int n, Path ref, Path hyp, java.util.function.UnaryOperator<String> idOf) {
        List<Utterance> refs = new ArrayList<>(n);
        List<Utterance> hyps = new ArrayList<>(n);
        Column ids = table.column("utterance_id");
        for (int row = 0; row < n; row++) {
            String id = idOf.apply(ids.text(row));
            refs.add(Utterance.of(id, "", table.column("reference").text(row)));
            hyps.add(Utterance.of(id, "", table.column("hypothesis").text(row)));
        }
        TrnFormat.write(ref, refs);
        TrnFormat.write(hyp, hyps);
    }

    static Table data(int n, long seed) {
        return data(n, seed, 2000);
    }

    /** {@code n} utterance pairs spread over {@code speakers} speakers. */
    static Table data(int n, long seed, int speakers) {
        SplittableRandom random = new SplittableRandom(seed);
        int vocabulary = 5000;
        String[] words = new String[vocabulary];
        double[] cumulative = new double[vocabulary];
        double sum = 0;
        for (int k = 0; k < vocabulary; k++) {
            words[k] = word(k);
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        for (int k = 0; k < vocabulary; k++) {
            cumulative[k] /= sum;
        }
        String[] ids = new String[n];
        String[] refs = new String[n];
        String[] hyps = new String[n];
        int[] speaker = new int[n];
        int[] accent = new int[n];
        int[] condition = new int[n];
        StringBuilder r = new StringBuilder(256);
        StringBuilder h = new StringBuilder(256);
        for (int i = 0; i < n; i++) {
            int spk = random.nextInt(speakers);
            speaker[i] = spk;
            accent[i] = spk % 5;
            condition[i] = random.nextInt(4);
            ids[i] = "spk" + spk + "_u" + i;
            r.setLength(0);
            h.setLength(0);
            int len = 10 + random.nextInt(21);
            for (int w = 0; w < len; w++) {
                String word = words[draw(cumulative, random.nextDouble())];
                append(r, word);
                double u = random.nextDouble();
                if (u < 0.10) {
                    append(h, words[draw(cumulative, random.nextDouble())]);
                } else if (u >= 0.15) {
                    append(h, word);
                }
                if (random.nextDouble() < 0.03) {
                    append(h, words[draw(cumulative, random.nextDouble())]);
                }
            }
            refs[i] = r.toString();
            hyps[i] = h.toString();
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new TextColumn("utterance_id", ids));
        columns.add(new CategoricalColumn("speaker", speaker, levels("spk", speakers)));
        columns.add(new CategoricalColumn("accent", accent, levels("accent", 5)));
        columns.add(new CategoricalColumn("condition", condition, levels("condition", 4)));
        columns.add(new TextColumn("reference", refs));
        columns.add(new TextColumn("hypothesis", hyps));
        return new Table("synthetic-wer", columns);
    }

    private static void append(StringBuilder sb, String word) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(word);
    }

    private static int draw(double[] cumulative, double u) {
        int k = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, k >= 0 ? k : -k - 1);
    }

    /** Pronounceable distinct words: consonant-vowel syllables from the index. */
    private static String word(int k) {
        String consonants = "bdfgklmnprstvz";
        String vowels = "aeiou";
        StringBuilder sb = new StringBuilder();
        int x = k;
        do {
            sb.append(consonants.charAt(x % consonants.length()));
            x /= consonants.length();
            sb.append(vowels.charAt(x % vowels.length()));
            x /= vowels.length();
        } while (x > 0);
        return sb.toString();
    }

    private static List<String> levels(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(prefix + k);
        }
        return out;
    }

    private static double averageWords(Table t) {
        long words = 0;
        Column ref = t.column("reference");
        for (int row = 0; row < t.rowCount(); row++) {
            String s = ref.text(row);
            words += s.isEmpty() ? 0 : s.chars().filter(ch -> ch == ' ').count() + 1;
        }
        return (double) words / t.rowCount();
    }

    /** sclite's user+system CPU seconds on the pair, read from bash's {@code times}; 0 if bash is not there. */
    private static double scliteCpuSeconds(Path sclite, Path ref, Path hyp) throws Exception {
        if (!Files.isExecutable(Path.of("/bin/bash"))) {
            return 0;
        }
        Process p = new ProcessBuilder("/bin/bash", "-c", "\"$0\" -r \"$1\" trn -h \"$2\" trn -i rm -o pralign stdout > /dev/null; times",
                sclite.toString(), ref.toString(), hyp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        p.waitFor();
        String[] lines = out.strip().split("\n");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s").matcher(lines[lines.length - 1]);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) + Integer.parseInt(m.group(3)) * 60
                + Double.parseDouble(m.group(4));
    }

    /** CPU time of this process (all threads), so a run on a shared, loaded machine can still be read. */
    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
