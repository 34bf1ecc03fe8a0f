package org.fairhunt.speech.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * sclite's time-marked formats. A reference {@code stm} has one segment per line,
 * {@code file channel speaker begin end [<labels>] transcript}; a hypothesis {@code ctm} one word per line,
 * {@code file channel begin duration word [confidence]}. Lines starting with {@code ;;} are comments.
 *
 * <p>Each ctm word is assigned to the stm segment of the same file and channel that contains its
 * midpoint; a word between segments goes to the nearest segment (sclite also scores such words, as
 * insertions, rather than dropping them). Words inside a segment whose transcript is
 * {@code IGNORE_TIME_SEGMENT_IN_SCORING} are not scored, as in sclite. Words of a file/channel with no stm
 * segment at all become a hypothesis-only utterance {@code file_channel_unsegmented}, handled by the
 * {@link MissingPolicy}. Segment ids are {@code file_channel_begin} with the begin time in centiseconds,
 * so the speaker (for {@code rm} ids) is the file name; the stm speaker field is kept as the speaker.
 */
public final class TimeMarked {

    public static final String IGNORE = "IGNORE_TIME_SEGMENT_IN_SCORING";

    /** One stm segment. */
    public record Segment(String file, String channel, String speaker, double begin, double end, List<String> labels,
                          String transcript, long line) {
        public String id() {
            return file + "_" + channel + "_" + String.format(Locale.ROOT, "%07d", Math.round(begin * 100));
        }

        boolean ignored() {
            return transcript.strip().equals(IGNORE);
        }
    }

    /** One ctm word. */
    public record Word(String file, String channel, double begin, double duration, String word, long line) {
        double midpoint() {
            return begin + duration / 2;
        }
    }

    private TimeMarked() {
    }

    public static List<Segment> readStm(Path file) {
        List<Segment> out = new ArrayList<>();
        forEachLine(file, (line, number) -> {
            String[] f = line.strip().split("\\s+", 6);
            if (f.length < 5) {
                throw new DataFormatException(file.toString(), number, 1,
                        "expected 'file channel speaker begin end [<labels>] transcript', found " + f.length + " field(s)");
            }
            double begin = number(f[3], file, number, 4, "begin time (seconds)");
            double end = number(f[4], file, number, 5, "end time (seconds)");
            if (end < begin) {
                throw new DataFormatException(file.toString(), number, 5, "end time " + f[4] + " is before begin time " + f[3]);
            }
            String rest = f.length > 5 ? f[5].strip() : "";
            List<String> labels = List.of();
            if (rest.startsWith("<")) {
                int close = rest.indexOf('>');
                if (close < 0) {
                    throw new DataFormatException(file.toString(), number, 6, "label field '<...' is not closed with '>'");
                }
                labels = List.of(rest.substring(1, close).split(","));
                rest = rest.substring(close + 1).strip();
            }
            out.add(new Segment(f[0], f[1], f[2], begin, end, labels, TrnFormat.collapseSpaces(rest), number));
        });
        return out;
    }

    public static List<Word> readCtm(Path file) {
        List<Word> out = new ArrayList<>();
        forEachLine(file, (line, number) -> {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || f.length > 7) {
                throw new DataFormatException(file.toString(), number, 1,
                        "expected 'file channel begin duration word [confidence]', found " + f.length + " field(s)");
            }
            double begin = number(f[2], file, number, 3, "begin time (seconds)");
            double duration = number(f[3], file, number, 4, "duration (seconds)");
            if (duration < 0) {
                throw new DataFormatException(file.toString(), number, 4, "duration must not be negative, found " + f[3]);
            }
            out.add(new Word(f[0], f[1], begin, duration, f[4], number));
        });
        return out;
    }

    /** The stm segments as reference utterances (ignored segments left out). */
    public static List<Utterance> references(List<Segment> segments, String source) {
        List<Utterance> out = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (s.ignored()) {
                continue;
            }
            Long previous = seen.putIfAbsent(s.id(), s.line());
            if (previous != null) {
                throw new DataFormatException(source, s.line(), 4, "a segment of file " + s.file() + " channel "
                        + s.channel() + " starting at " + s.begin() + " s already exists on line " + previous);
            }
            out.add(new Utterance(s.id(), s.speaker(), s.transcript(), source, s.line()));
        }
        return out;
    }

    /** The ctm words gathered into one hypothesis utterance per stm segment, in time order. */
    public static List<Utterance> hypotheses(List<Segment> segments, List<Word> words, String source) {
        Map<String, List<Segment>> byChannel = new LinkedHashMap<>();
        for (Segment s : segments) {
            byChannel.computeIfAbsent(s.file() + "\u0000" + s.channel(), k -> new ArrayList<>()).add(s);
        }
        for (List<Segment> list : byChannel.values()) {
            list.sort(Comparator.comparingDouble(Segment::begin));
        }
        Map<String, List<Word>> assigned = new LinkedHashMap<>();
        Map<String, String> speakers = new LinkedHashMap<>();
        List<Word> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingDouble(Word::begin));
        for (Word w : sorted) {
            List<Segment> candidates = byChannel.get(w.file() + "\u0000" + w.channel());
            if (candidates == null) {
                String id = w.file() + "_" + w.channel() + "_unsegmented";
                assigned.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
                speakers.put(id, w.file());
                continue;
            }
            Segment best = nearest(candidates, w.midpoint());
            if (best.ignored()) {
                continue;
            }
            assigned.computeIfAbsent(best.id(), k -> new ArrayList<>()).add(w);
            speakers.put(best.id(), best.speaker());
        }
        List<Utterance> out = new ArrayList<>();
        for (Segment s : segments) {
            if (!s.ignored() && !assigned.containsKey(s.id())) {
                out.add(new Utterance(s.id(), s.speaker(), "", source, 0));
            }
        }
        for (Map.Entry<String, List<Word>> e : assigned.entrySet()) {
            StringBuilder text = new StringBuilder();
            for (Word w : e.getValue()) {
                text.append(text.length() == 0 ? "" : " ").append(w.word());
            }
            out.add(new Utterance(e.getKey(), speakers.get(e.getKey()), text.toString(), source,
                    e.getValue().get(0).line()));
        }
        return out;
    }

    private static Segment nearest(List<Segment> segments, double t) {
        Segment best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Segment s : segments) {
            double distance = t < s.begin() ? s.begin() - t : (t > s.end() ? t - s.end() : 0);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = s;
            }
        }
        return best;
    }

    private interface LineHandler {
        void handle(String line, long number);
    }

    private static void forEachLine(Path file, LineHandler handler) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith(";;")) {
                    continue;
                }
                handler.handle(line, number);
            }
        } catch (IOException e) {
            throw new UserInputException(org.fairhunt.core.io.IoMessages.cannotRead(file, e), e);
        }
    }

    private static double number(String text, Path file, long line, int column, String what) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file.toString(), line, column, "expected " + what + " as a number, found '" + text + "'");
        }
    }
}
