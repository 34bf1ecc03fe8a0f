package org.fairhunt.lastmile.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.card.CardBuilder;
import org.fairhunt.lastmile.card.CardSigning;
import org.fairhunt.lastmile.card.Evidence;
import org.fairhunt.lastmile.compare.CustomerAudit;
import org.fairhunt.lastmile.compare.LastMile;
import org.fairhunt.lastmile.compare.LastMileResult;
import org.fairhunt.lastmile.sign.Keys;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.audio.AcousticCondition;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.Conditions;
import org.fairhunt.speech.audio.NoiseProfile;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.demo.SpeechDemo;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.transcribe.BatchTranscription;
import org.fairhunt.speech.transcribe.PocketsphinxTranscriber;

/**
 * The whole last-mile loop with Debian packages only. The provider evaluates its recognizer
 * (pocketsphinx) on clean synthetic speech of four flite voices (awb: Scottish English; rms, slt, kal16:
 * US English) reading Harvard sentences list 1, builds a card, signs it. The customer's floor has a
 * machine whose recording is synthesized here (a 100 Hz mains hum with harmonics under a 1 kHz beep,
 * 0.2 s on, 0.3 s off); the customer reads Harvard list 2 with the same voices in the quiet and on the
 * floor (the recording mixed in at 5 dB SNR), transcribes with pocketsphinx, verifies the card and tests
 * against it. The bootstrap cluster is the sentence, not the speaker: with one synthetic voice per
 * speaker there are too few speakers for a cluster bootstrap, and sentences are what vary.
 */
public final class LastMileDemo {
    /** A flite voice and its accent. */
    public record Voice(String id, String accent) {
    }

    public static final List<Voice> VOICES = List.of(new Voice("awb", "scottish"), new Voice("rms", "us"), new Voice("slt", "us"),
            new Voice("kal16", "us"));

    /** Harvard sentences, list 2 (IEEE 1969, public domain): the customer's own prompts. */
    public static final List<String> CUSTOMER_SENTENCES = List.of("The boy was there when the sun rose.",
            "A rod is used to catch pink salmon.", "The source of the huge river is the clear spring.",
            "Kick the ball straight and follow through.", "Help the woman get back to her feet.",
            "A pot of tea helps to pass the evening.", "Smoky fires lack flame and heat.",
            "The soft cushion broke the man's fall.", "The salt breeze came across from the sea.",
            "The girl at the booth sold fifty bonds.");

    /** What the demo produced. */
    public record Outcome(Card card, Path cardFile, Path publicKey, LastMileResult result, Path recording, NoiseProfile profile,
                          Path providerCsv, Path customerCsv, String floorCondition) {
    }

    private LastMileDemo() {
    }

    public static Outcome run(Path out, int sentences, double snr, int bootstrap, long seed, int threads, PrintStream log)
            throws IOException {
        if (sentences < 2 || sentences > 10) {
            throw new UserInputException("--sentences must be between 2 and 10, got " + sentences);
        }
        Path flite = ExternalTools.flite().orElseThrow(() -> new UserInputException(
                "flite not found on the PATH: install the Debian package flite (the demo synthesizes its speech with it)"));
        PocketsphinxTranscriber recognizer = PocketsphinxTranscriber.installed();
        Files.createDirectories(out);

        // the provider: clean speech, Harvard list 1
        log.println("Provider: synthesizing " + sentences + " Harvard sentences (list 1) x " + VOICES.size() + " flite voices");
        Path providerDir = Files.createDirectories(out.resolve("provider/clean"));
        List<String[]> providerRows = new ArrayList<>();
        List<Path> providerWavs = new ArrayList<>();
        for (Voice v : VOICES) {
            for (int s = 0; s < sentences; s++) {
                Path wav = providerDir.resolve(v.id() + "-s" + (s + 1) + ".wav");
                synthesize(flite, v.id(), SpeechDemo.SENTENCES.get(s), wav);
                providerWavs.add(wav);
                providerRows.add(new String[] {v.id(), v.accent(), "p" + (s + 1), SpeechDemo.SENTENCES.get(s)});
            }
        }
        log.println("Provider: transcribing " + providerWavs.size() + " files with " + recognizer.describe());
        List<String> providerHyps = transcribe(recognizer, providerWavs, threads, log);
        Table provider = table(providerRows, providerHyps, null, null, "provider-eval.csv");
        Path providerCsv = out.resolve("provider-eval.csv");
        writeCsv(providerCsv, providerRows, providerHyps, null, null);
        Normalizer normalizer = Normalizer.parse("case,punctuation", null);
        var options = new WerAudit.Options(normalizer, List.of("accent", "voice"), 2, bootstrap, seed, "sentence", 5, threads, 0.95)
                .withoutCharacters();
        WerAudit.Result audit = WerAudit.run(provider, null, "reference", "hypothesis", "sentence", options, new LinkedHashMap<>());
        JsonNode auditJson = AuditJson.toTree(Evidence.attach(audit.audit(), audit.run(), audit.table()));
        Files.createDirectories(out.resolve("provider"));
        AuditJson.write(Evidence.attach(audit.audit(), audit.run(), audit.table()), out.resolve("provider/audit.json"));
        ObjectNode about = AuditJson.mapper().createObjectNode();
        about.put("name", "Demo ASR (pocketsphinx en-us)");
        about.put("version", "5prealpha");
        about.put("provider", "Fairhunt demo provider");
        about.putArray("intended_uses").add("dictation of short English sentences in quiet rooms");
        about.putArray("out_of_scope_uses").add("noisy rooms and telephone audio (not evaluated)");
        ObjectNode data = about.putObject("evaluation_data");
        data.put("collection", "Harvard sentences (list 1) synthesized by flite's awb, rms, slt and kal16 voices, leveled to -26 dBFS");
        data.put("accents", "awb is Scottish English, the others US English (flite's documentation)");
        about.putArray("confounders").add("synthetic voices, one per speaker: accent and voice are confounded");
        about.put("fairness_considerations", "only two accents; the Scottish accent has a single voice");
        about.put("contact", "demo@fairhunt.invalid");
        about.putArray("claims").add("max_gap(wer) <= 0.25 over [accent]");
        ObjectNode cardJson = CardBuilder.build(auditJson, about, List.of(), "provider/audit.json");
        Card unsigned = Card.of(cardJson, "card", null);
        Path keys = Files.createDirectories(out.resolve("keys"));
        Path keyBase = keys.resolve("provider");
        Files.deleteIfExists(keys.resolve("provider.key"));
        Files.deleteIfExists(keys.resolve("provider.pub"));
        KeyPair pair = Keys.generate();
        Keys.write(pair, keyBase);
        Path cardFile = out.resolve("card/card.json");
        Files.createDirectories(cardFile.getParent());
        AtomicFiles.writeString(cardFile, CardSigning.sign(unsigned, pair.getPrivate(), pair.getPublic(), Instant.now()));
        log.println("Provider: card signed with key " + Keys.keyId(pair.getPublic()) + " -> " + cardFile);

        // the customer's floor: a synthesized machine recording
        Path recording = out.resolve("floor3-recording.wav");
        WavFile.write(recording, machineHum(6, 16000, seed), "synthesized machine: 100 Hz hum with harmonics, 1 kHz beep 0.2 s on 0.3 s off");
        NoiseProfile profile = NoiseProfile.of(WavFile.read(recording));
        String floorSpec = "noise-file:" + recording + ",snr=" + (snr == Math.rint(snr) ? Long.toString((long) snr) : Double.toString(snr));
        AcousticCondition floor = Conditions.parse(floorSpec);

        log.println("Customer: synthesizing " + sentences + " Harvard sentences (list 2) x " + VOICES.size()
                + " voices, quiet and on floor 3 (" + floor.spec() + ")");
        Path quietDir = Files.createDirectories(out.resolve("customer/quiet"));
        Path floorDir = Files.createDirectories(out.resolve("customer/floor3"));
        List<String[]> customerRows = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        List<Path> customerWavs = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(seed);
        for (Voice v : VOICES) {
            for (int s = 0; s < sentences; s++) {
                Path quiet = quietDir.resolve(v.id() + "-s" + (s + 1) + ".wav");
                synthesize(flite, v.id(), CUSTOMER_SENTENCES.get(s), quiet);
                Audio clean = WavFile.read(quiet);
                Path noisy = floorDir.resolve(v.id() + "-s" + (s + 1) + ".wav");
                WavFile.write(noisy, floor.apply(clean, seeds.nextLong()), "fairhunt condition " + floor.spec());
                for (String site : List.of("quiet", "floor3")) {
                    customerWavs.add(site.equals("quiet") ? quiet : noisy);
                    customerRows.add(new String[] {v.id(), v.accent(), "c" + (s + 1), CUSTOMER_SENTENCES.get(s)});
                    sites.add(site);
                }
            }
        }
        log.println("Customer: transcribing " + customerWavs.size() + " files");
        List<String> customerHyps = transcribe(recognizer, customerWavs, threads, log);
        Table customerTable = table(customerRows, customerHyps, "site", sites, "customer-eval.csv");
        Path customerCsv = out.resolve("customer-eval.csv");
        writeCsv(customerCsv, customerRows, customerHyps, "site", sites);

        Card verified = Card.read(cardFile, Keys.readPublic(keys.resolve("provider.pub")), true);
        var columns = new CustomerAudit.Columns("reference", "hypothesis", "sentence", null, null, null, null, null, null, null,
                bootstrap, seed + 1, threads);
        LastMile.Customer customer = CustomerAudit.run(verified, customerTable, List.of("accent"), List.of("site"), columns, 0.95);
        LastMileResult result = LastMile.compute(verified, cardFile.toString(), customer, new LastMile.Options(List.of("accent"),
                List.of("site"), Map.of("wer", 0.05), Map.of("accent", "us"), Map.of("site", "quiet"), 0.95, false));
        return new Outcome(verified, cardFile, keys.resolve("provider.pub"), result, recording, profile, providerCsv, customerCsv,
                floor.spec());
    }

    /**
     * A machine on a hospital floor: a 100 Hz mains hum with its odd harmonics (a transformer) and a 1 kHz
     * beep 0.2 s on, 0.3 s off (a scanner's duty cycle) over a little broadband noise, at about -20 dBFS.
     */
    public static Audio machineHum(double seconds, int rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(int) (seconds * rate)];
        for (int k = 0; k < x.length; k++) {
            double t = (double) k / rate;
            double hum = 0.05 * Math.sin(2 * Math.PI * 100 * t) + 0.02 * Math.sin(2 * Math.PI * 300 * t)
                    + 0.01 * Math.sin(2 * Math.PI * 500 * t);
            double beep = (t % 0.5) < 0.2 ? 0.08 * Math.sin(2 * Math.PI * 1000 * t) : 0;
            x[k] = (float) (hum + beep + 0.003 * (r.nextDouble() - 0.5));
        }
        return new Audio(x, rate);
    }

    private static void synthesize(Path flite, String voice, String text, Path wav) throws IOException {
        Path raw = wav.resolveSibling(wav.getFileName() + ".raw.wav");
        SpeechDemo.synthesize(flite, voice, text, raw);
        Audio a = SpeechDemo.levelAndPad(WavFile.read(raw));
        Files.delete(raw);
        WavFile.write(wav, a, "flite voice " + voice + ", speech RMS -26 dBFS, 0.3 s padding");
    }

    private static List<String> transcribe(PocketsphinxTranscriber recognizer, List<Path> wavs, int threads, PrintStream log) {
        List<BatchTranscription.Outcome> outcomes = new BatchTranscription(recognizer, threads, Duration.ofSeconds(120)).run(wavs, log);
        List<String> out = new ArrayList<>();
        for (BatchTranscription.Outcome o : outcomes) {
            // a failed file is scored as sclite scores a missing hypothesis: every reference word deleted
            out.add(o.ok() ? o.text() : "");
            if (!o.ok()) {
                log.println("  failed (scored as all deletions): " + o.file() + ": " + o.failure());
            }
        }
        return out;
    }

    private static Table table(List<String[]> rows, List<String> hyps, String extraName, List<String> extra, String source) {
        int n = rows.size();
        String[][] cols = new String[4][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 4; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(categorical("voice", cols[0]));
        columns.add(categorical("accent", cols[1]));
        columns.add(categorical("sentence", cols[2]));
        if (extraName != null) {
            columns.add(categorical(extraName, extra.toArray(new String[0])));
        }
        columns.add(new TextColumn("reference", cols[3]));
        columns.add(new TextColumn("hypothesis", hyps.toArray(new String[0])));
        return new Table(source, columns);
    }

    /** A categorical column of {@code values} (levels in order of first appearance). */
    static CategoricalColumn categorical(String name, String[] values) {
        return org.fairhunt.core.table.Columns.toCategorical(new TextColumn(name, values));
    }

    private static void writeCsv(Path file, List<String[]> rows, List<String> hyps, String extraName, List<String> extra)
            throws IOException {
        StringBuilder sb = new StringBuilder("voice,accent,sentence," + (extraName == null ? "" : extraName + ",")
                + "reference,hypothesis\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',')
                    .append(extraName == null ? "" : extra.get(i) + ",").append(quote(r[3])).append(',').append(quote(hyps.get(i)))
                    .append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
