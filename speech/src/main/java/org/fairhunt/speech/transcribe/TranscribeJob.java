package org.fairhunt.speech.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.io.ProgressBar;
import org.fairhunt.speech.audio.Augmentation;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;

/**
 * {@code fairhunt transcribe} from start to finish, written so that no decoding is ever thrown away:
 * the output is checked (not a folder, its folder writable, not already there unless forced) before the
 * first file is decoded; every result is appended to a journal {@code OUT.partial.jsonl} as soon as it is
 * known (flushed line by line, so a kill keeps it); a rerun with the same input and recognizer resumes
 * from the journal and decodes only what is missing or failed; the finished trn replaces {@code OUT}
 * in one rename, and the journal is removed. Files the recognizer failed on are written as empty
 * hypotheses (sclite scores them as all deletions) and listed in {@link FailedFiles}.
 */
public final class TranscribeJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param input     a WAV file or a folder searched for .wav files
     * @param out       the trn to write
     * @param idMode    {@code name} (the file name without .wav) or {@code path} (the path below input, '/' as '_')
     * @param force     replace an existing {@code out}
     * @param keepFailures write failed files as empty hypotheses (true, sclite's scoring) or leave them out
     * @param timeout   per-file limit
     * @param threads   files decoded at once
     */
    public record Settings(Path input, Path out, String idMode, boolean force, boolean keepFailures, Duration timeout,
                           int threads) {
    }

    /** What a run did. */
    public record Result(int files, int resumed, int written, List<String> failures) {
    }

    private TranscribeJob() {
    }

    /** The journal of a run writing {@code out}. */
    public static Path journalOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".partial.jsonl");
    }

    /**
     * Refuses an output that could not be written, before any decoding: a folder, a missing or read-only
     * folder, or an existing file without {@code force} (unless a journal says it is this run's to resume).
     */
    public static void checkOutput(Path out, boolean force) {
        if (Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a folder; give the trn file to write, e.g. " + out.resolve("hyp.trn"));
        }
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("--out " + out + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new UserInputException("--out " + out + ": the folder " + dir + " is not writable");
        }
        if (Files.exists(out) && !force && !Files.exists(journalOf(out))) {
            throw new UserInputException("--out " + out + " already exists; add --force to replace it");
        }
    }

    public static Result run(Transcriber transcriber, Settings s, PrintWriter log) {
        checkOutput(s.out(), s.force());
        List<Path> files = Augmentation.wavFiles(s.input());
        Path base = Files.isDirectory(s.input()) ? s.input() : s.input().toAbsolutePath().getParent();
        List<String> ids = new ArrayList<>(files.size());
        Map<String, Path> byId = new HashMap<>();
        for (Path f : files) {
            String u = utteranceId(base, f, s.idMode());
            Path clash = byId.put(u, f);
            if (clash != null) {
                throw new UserInputException("two files give the utterance id '" + u + "': " + clash + " and " + f
                        + (s.idMode().equals("name") ? "; use --id path, or name the files SPEAKER-CONDITION_UTTERANCE.wav as "
                        + "'fairhunt augment' does" : ""));
            }
            ids.add(u);
        }
        ObjectNode header = JSON.createObjectNode();
        header.put("fairhunt_transcribe", 1);
        header.put("input", s.input().toAbsolutePath().normalize().toString());
        header.put("ids", s.idMode());
        header.put("recognizer", transcriber.describe());
        Path journal = journalOf(s.out());
        Map<String, String> done = resume(journal, header, byId);
        if (!done.isEmpty()) {
            log.println("Resuming from " + journal + ": " + done.size() + " of " + files.size() + " file(s) already transcribed");
        }
        List<Path> todo = new ArrayList<>();
        List<String> todoIds = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            if (!done.containsKey(ids.get(k))) {
                todo.add(files.get(k));
                todoIds.add(ids.get(k));
            }
        }
        log.println("Transcribing " + todo.size() + " file(s) with " + transcriber.describe() + ", " + s.threads() + " at a time");
        log.flush();
        Map<Path, String> idOfFile = new HashMap<>();
        for (int k = 0; k < todo.size(); k++) {
            idOfFile.put(todo.get(k), todoIds.get(k));
        }
        Map<String, String[]> failed = new LinkedHashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (done.isEmpty()) {
                w.write(header.toString());
                w.write('\n');
                w.flush();
            }
            List<BatchTranscription.Outcome> outcomes = new BatchTranscription(transcriber, s.threads(), s.timeout())
                    .run(todo, ProgressBar.forItems("transcribe"), o -> append(w, journal, idOfFile.get(o.file()), o));
            for (int k = 0; k < outcomes.size(); k++) {
                BatchTranscription.Outcome o = outcomes.get(k);
                if (o.ok()) {
                    done.put(todoIds.get(k), o.text());
                } else {
                    failed.put(todoIds.get(k), new String[] {o.file().toString(), o.failure()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + journal + ": " + e.getMessage(), e);
        }
        List<Utterance> utterances = new ArrayList<>(files.size());
        for (String id : ids) {
            String text = done.get(id);
            if (text != null) {
                utterances.add(Utterance.of(id, "", text));
            } else if (s.keepFailures()) {
                utterances.add(Utterance.of(id, "", ""));
            }
        }
        TrnFormat.write(s.out(), utterances);
        Path failedList = FailedFiles.fileBeside(s.out());
        try {
            if (failed.isEmpty()) {
                Files.deleteIfExists(failedList);
            } else {
                AtomicFiles.writeString(failedList, FailedFiles.render(failed));
            }
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + failedList + ": " + e.getMessage(), e);
        }
        List<String> failures = new ArrayList<>();
        failed.forEach((id, fr) -> failures.add(fr[0] + ": " + fr[1]));
        return new Result(files.size(), files.size() - todo.size(), utterances.size(), failures);
    }

    private static void append(BufferedWriter w, Path journal, String id, BatchTranscription.Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("file", o.file().toString());
        if (o.ok()) {
            n.put("text", o.text());
        } else {
            n.put("failure", o.failure());
        }
        try {
            w.write(n.toString());
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + journal + ": " + e.getMessage(), e);
        }
    }

    /**
     * The transcripts a killed run left in {@code journal} (id to text; failures are decoded again), after
     * rewriting it without a torn last line; empty when there is no journal. A journal of another input
     * or recognizer is refused rather than mixed in.
     */
    static Map<String, String> resume(Path journal, ObjectNode header, Map<String, Path> byId) {
        Map<String, String> done = new LinkedHashMap<>();
        if (!Files.exists(journal)) {
            return done;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read the journal " + journal + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            return done;
        }
        JsonNode first = parse(lines.get(0));
        if (first == null || !first.has("fairhunt_transcribe")) {
            throw new UserInputException(journal + " is not a transcribe journal; remove it to start afresh");
        }
        for (String key : List.of("input", "ids", "recognizer")) {
            if (!first.path(key).asText().equals(header.path(key).asText())) {
                throw new UserInputException(journal + " was left by a run with another " + key + " ('" + first.path(key).asText()
                        + "', now '" + header.path(key).asText() + "'); remove it to start afresh, or rerun that command to resume it");
            }
        }
        StringBuilder clean = new StringBuilder(lines.get(0)).append('\n');
        for (int k = 1; k < lines.size(); k++) {
            JsonNode n = parse(lines.get(k));
            if (n == null || !n.has("id")) {
                continue; // the line a kill tore in half
            }
            clean.append(lines.get(k)).append('\n');
            if (n.has("text") && byId.containsKey(n.get("id").asText())) {
                done.put(n.get("id").asText(), n.get("text").asText());
            }
        }
        AtomicFiles.writeString(journal, clean.toString());
        return done;
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The utterance id of {@code file}: its name without .wav, or its path below {@code base} with '/' as '_'. */
    public static String utteranceId(Path base, Path file, String idMode) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        return switch (idMode.toLowerCase(Locale.ROOT)) {
            case "name" -> stem;
            case "path" -> {
                Path rel = base.toAbsolutePath().relativize(file.toAbsolutePath());
                String p = rel.toString().replace('\\', '/');
                yield p.substring(0, p.length() - 4).replace('/', '_');
            }
            default -> throw new UserInputException("unknown --id '" + idMode + "': expected name or path");
        };
    }
}
