package org.fairhunt.speech.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.TextColumn;

/**
 * Reference and hypothesis utterances joined by id, in reference order (then hypothesis-only ids in
 * hypothesis order), with the ids found on one side only listed, whatever the {@link MissingPolicy}.
 * The pairs are kept as parallel arrays; two trn files joined by {@link #join(TrnLines, TrnLines, SpeakerIds,
 * MissingPolicy)} keep plain texts as the bytes the reader cut ({@link TextColumn#ofBytes}) and say which pairs the
 * bulk scorer may read from them ({@link #plainTexts()}).
 */
public final class UtterancePairs {

    /** One scored pair; the missing side of a pair kept by {@link MissingPolicy#SCORE_ALL} has empty text. */
    public record Pair(String id, String speaker, String reference, String hypothesis) {
    }

    private final String[] ids;
    private final int[] speakerCodes;
    private final List<String> speakerLevels;
    private final TextColumnParts references;
    private final TextColumnParts hypotheses;
    private final PlainTexts plainTexts;
    private final List<String> referenceOnly;
    private final List<String> hypothesisOnly;
    private final MissingPolicy policy;
    private List<Pair> pairs;

    /**
     * One side's texts: {@code values[k]}, or when that is null the ASCII bytes {@code bytes[starts[k], ends[k])} of a
     * plain trn line (then no String is made unless the text is asked for).
     */
    private record TextColumnParts(String[] values, byte[] bytes, int[] starts, int[] ends) {
        static TextColumnParts of(String[] values) {
            return new TextColumnParts(values, null, null, null);
        }

        String text(int k) {
            return values[k] != null || bytes == null ? values[k]
                    : new String(bytes, starts[k], ends[k] - starts[k], java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        TextColumn column(String name) {
            return bytes == null ? new TextColumn(name, values) : TextColumn.ofBytes(name, values, bytes, starts, ends);
        }
    }

    private UtterancePairs(String[] ids, int[] speakerCodes, List<String> speakerLevels, TextColumnParts references,
                           TextColumnParts hypotheses,
                           PlainTexts plainTexts, List<String> referenceOnly, List<String> hypothesisOnly, MissingPolicy policy) {
        this.ids = ids;
        this.speakerCodes = speakerCodes;
        this.speakerLevels = List.copyOf(speakerLevels);
        this.references = references;
        this.hypotheses = hypotheses;
        this.plainTexts = plainTexts;
        this.referenceOnly = List.copyOf(referenceOnly);
        this.hypothesisOnly = List.copyOf(hypothesisOnly);
        this.policy = policy;
    }

    public static UtterancePairs join(List<Utterance> references, List<Utterance> hypotheses, MissingPolicy policy,
                                      String referenceSource, String hypothesisSource) {
        Map<String, Utterance> hyps = new LinkedHashMap<>();
        for (Utterance h : hypotheses) {
            hyps.put(h.id(), h);
        }
        List<Pair> pairs = new ArrayList<>(references.size());
        List<String> refOnly = new ArrayList<>();
        Map<String, Boolean> refIds = new LinkedHashMap<>();
        for (Utterance r : references) {
            refIds.put(r.id(), Boolean.TRUE);
            Utterance h = hyps.get(r.id());
            if (h != null) {
                pairs.add(new Pair(r.id(), r.speaker(), r.text(), h.text()));
            } else {
                refOnly.add(r.id());
                if (policy == MissingPolicy.SCORE_ALL) {
                    pairs.add(new Pair(r.id(), r.speaker(), r.text(), ""));
                }
            }
        }
        List<String> hypOnly = new ArrayList<>();
        for (Utterance h : hypotheses) {
            if (!refIds.containsKey(h.id())) {
                hypOnly.add(h.id());
                if (policy == MissingPolicy.SCORE_ALL) {
                    pairs.add(new Pair(h.id(), h.speaker(), "", h.text()));
                }
            }
        }
        check(refOnly, hypOnly, policy, referenceSource, hypothesisSource);
        int n = pairs.size();
        String[] ids = new String[n];
        int[] codes = new int[n];
        Map<String, Integer> levels = new LinkedHashMap<>();
        String[] refs = new String[n];
        String[] hyps2 = new String[n];
        for (int k = 0; k < n; k++) {
            Pair p = pairs.get(k);
            ids[k] = p.id();
            codes[k] = levels.computeIfAbsent(p.speaker(), v -> levels.size());
            refs[k] = p.reference();
            hyps2[k] = p.hypothesis();
        }
        UtterancePairs out = new UtterancePairs(ids, codes, new ArrayList<>(levels.keySet()), TextColumnParts.of(refs),
                TextColumnParts.of(hyps2), null, refOnly, hypOnly, policy);
        out.pairs = List.copyOf(pairs);
        return out;
    }

    /**
     * The same join for two trn files read as {@link TrnLines} (speakers by {@code speakerIds}), with the same pairs,
     * order and errors as {@link #join(List, List, MissingPolicy, String, String)}; files whose ids come in the same
     * order (what a recognizer run over a reference list writes) are paired line by line without a lookup.
     */
    public static UtterancePairs join(TrnLines references, TrnLines hypotheses, SpeakerIds speakerIds, MissingPolicy policy) {
        int nr = references.size();
        int nh = hypotheses.size();
        boolean known = hypotheses.sameIdsAs(references); // checked as the hypothesis was read
        boolean sameOrder = nr == nh;
        for (int k = 0; sameOrder && !known && k < nr; k++) {
            sameOrder = references.id(k).equals(hypotheses.id(k));
        }
        int[] refRow = null; // null: the same order, row k of each file
        int[] hypRow = null;
        List<String> refOnly = new ArrayList<>();
        List<String> hypOnly = new ArrayList<>();
        if (!sameOrder) {
            int[] r = new int[nr + nh];
            int[] h = new int[nr + nh];
            int n = 0;
            for (int k = 0; k < nr; k++) {
                int j = hypotheses.indexOf(references.id(k));
                if (j < 0) {
                    refOnly.add(references.id(k));
                    if (policy != MissingPolicy.SCORE_ALL) {
                        continue;
                    }
                }
                r[n] = k;
                h[n++] = j;
            }
            for (int j = 0; j < nh; j++) {
                if (references.indexOf(hypotheses.id(j)) < 0) {
                    hypOnly.add(hypotheses.id(j));
                    r[n] = -1;
                    h[n] = j;
                    n += policy == MissingPolicy.SCORE_ALL ? 1 : 0;
                }
            }
            check(refOnly, hypOnly, policy, references.source(), hypotheses.source());
            refRow = Arrays.copyOf(r, n);
            hypRow = Arrays.copyOf(h, n);
        }
        int n = refRow == null ? nr : refRow.length;
        Joined joined = new Joined(references, hypotheses, n, new Speakers(speakerIds));
        // One call per pair: a method called this often is compiled at once, where a loop body run from a single call
        // waits interpreted for an on-stack replacement (most of 100,000 pairs under the launcher's C1).
        for (int k = 0; k < n; k++) {
            joined.add(k, refRow == null ? k : refRow[k], hypRow == null ? k : hypRow[k]);
        }
        return new UtterancePairs(joined.ids, joined.codes, joined.speakers.levels, joined.refs, joined.hyps,
                new PlainTexts(joined.plain), refOnly, hypOnly, policy);
    }

    /** The joined pairs' arrays, filled a pair at a time. */
    private static final class Joined {
        private final TrnLines references;
        private final TrnLines hypotheses;
        private final Speakers speakers;
        final String[] ids;
        final int[] codes;
        final boolean[] plain;
        final TextColumnParts refs;
        final TextColumnParts hyps;

        Joined(TrnLines references, TrnLines hypotheses, int n, Speakers speakers) {
            this.references = references;
            this.hypotheses = hypotheses;
            this.speakers = speakers;
            ids = new String[n];
            codes = new int[n];
            plain = new boolean[n];
            refs = new TextColumnParts(new String[n], references.bytes(), new int[n], new int[n]);
            hyps = new TextColumnParts(new String[n], hypotheses.bytes(), new int[n], new int[n]);
        }

        /** Pair {@code k}: line {@code r} of the reference and {@code h} of the hypothesis (-1: none, an empty text). */
        void add(int k, int r, int h) {
            TrnLines lines = r >= 0 ? references : hypotheses;
            int line = r >= 0 ? r : h;
            String id = lines.id(line);
            ids[k] = id;
            codes[k] = speakers.code(id, lines.bytes(), lines.idStart(line));
            side(refs, k, references, r);
            side(hyps, k, hypotheses, h);
            // a missing side is empty: plain
            plain[k] = (r < 0 || references.plain(r) && !references.markup(r)) && (h < 0 || hypotheses.plain(h) && !hypotheses.markup(h));
        }

        /** Line {@code r}'s text as pair {@code k}'s: a plain one as a range of the lines' bytes. */
        private static void side(TextColumnParts parts, int k, TrnLines lines, int r) {
            int start = r < 0 ? 0 : lines.textStart(r); // empty: the range [0, 0)
            if (start >= 0) {
                parts.starts[k] = start;
                parts.ends[k] = r < 0 ? 0 : lines.textEnd(r);
            } else {
                parts.values[k] = lines.text(r);
                parts.starts[k] = -1;
            }
        }
    }

    /**
     * Numbers the speakers of ids in order of first appearance, matching an id's speaker part against those seen
     * (open addressing on its characters' hash) so that a string is made only for a new speaker.
     */
    private static final class Speakers {
        private final SpeakerIds rule;
        final List<String> levels = new ArrayList<>();
        // where a level's characters are also Latin-1 bytes (the id it was first seen in), else null and -1
        private final List<byte[]> levelBytes = new ArrayList<>();
        private final List<Integer> levelStarts = new ArrayList<>();
        private int[] slots = new int[256]; // 1 + code, 0 for free

        Speakers(SpeakerIds rule) {
            this.rule = rule;
        }

        /** The code of {@code id}'s speaker; {@code idStart >= 0}: the id's Latin-1 bytes are also at {@code bytes[idStart]}. */
        int code(String id, byte[] bytes, int idStart) {
            int length = id.length();
            int end;
            int h = 0;
            if (idStart >= 0) {
                end = rule == SpeakerIds.NONE ? length : SpeakerIds.speakerEnd(bytes, idStart, length);
                if (end < 0) {
                    end = length;
                }
                for (int k = 0; k < end; k++) {
                    h = 31 * h + (bytes[idStart + k] & 0xFF);
                }
            } else {
                end = rule == SpeakerIds.NONE ? length : SpeakerIds.speakerEnd(id);
                if (end < 0) {
                    end = length;
                }
                for (int k = 0; k < end; k++) {
                    h = 31 * h + id.charAt(k);
                }
            }
            int mask = slots.length - 1;
            int s = TrnLines.spread(h) & mask;
            int at;
            while ((at = slots[s]) != 0) {
                if (sameLevel(at - 1, id, end, bytes, idStart)) {
                    return at - 1;
                }
                s = (s + 1) & mask;
            }
            String level = end == length ? id : id.substring(0, end);
            levels.add(level);
            levelBytes.add(idStart >= 0 ? bytes : null);
            levelStarts.add(idStart);
            slots[s] = levels.size();
            if (levels.size() * 2 > slots.length) {
                rehash();
            }
            return levels.size() - 1;
        }

        /** Whether speaker {@code code} is the first {@code end} characters of {@code id}. */
        private boolean sameLevel(int code, String id, int end, byte[] bytes, int idStart) {
            String level = levels.get(code);
            if (level.length() != end) {
                return false;
            }
            byte[] theirs = levelBytes.get(code);
            if (theirs == null || idStart < 0) {
                return id.startsWith(level);
            }
            int at = levelStarts.get(code);
            for (int k = 0; k < end; k++) {
                if (theirs[at + k] != bytes[idStart + k]) {
                    return false;
                }
            }
            return true;
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int c = 0; c < levels.size(); c++) {
                int h = levels.get(c).hashCode(); // the same 31-polynomial as code()'s
                int s = TrnLines.spread(h) & mask;
                while (slots[s] != 0) {
                    s = (s + 1) & mask;
                }
                slots[s] = c + 1;
            }
        }
    }

    private static void check(List<String> refOnly, List<String> hypOnly, MissingPolicy policy, String referenceSource,
                              String hypothesisSource) {
        if (!hypOnly.isEmpty() && policy != MissingPolicy.SCORE_ALL) {
            throw new UserInputException(hypOnly.size() + " utterance id(s) of " + hypothesisSource
                    + " are not in the reference " + referenceSource + ": " + preview(hypOnly)
                    + " (sclite refuses this too; use --missing score-all to score them against an empty reference)");
        }
        if (!refOnly.isEmpty() && policy == MissingPolicy.ERROR) {
            throw new UserInputException(refOnly.size() + " utterance id(s) of the reference " + referenceSource
                    + " have no hypothesis in " + hypothesisSource + ": " + preview(refOnly)
                    + " (use --missing sclite to leave them out, or --missing score-all to count them as deleted)");
        }
    }

    /** Up to ten ids, then how many more. */
    public static String preview(List<String> ids) {
        int shown = Math.min(10, ids.size());
        String head = String.join(", ", ids.subList(0, shown));
        return ids.size() > shown ? head + " … and " + (ids.size() - shown) + " more" : head;
    }

    /** The pairs as records (made on first call). */
    public List<Pair> pairs() {
        if (pairs == null) {
            List<Pair> out = new ArrayList<>(ids.length);
            for (int k = 0; k < ids.length; k++) {
                out.add(new Pair(ids[k], speakerLevels.get(speakerCodes[k]), references.text(k), hypotheses.text(k)));
            }
            pairs = List.copyOf(out);
        }
        return pairs;
    }

    public int size() {
        return ids.length;
    }

    /** The pairs' reference texts in order as a table column named {@code name} (sharing the pairs' arrays). */
    public TextColumn referenceColumn(String name) {
        return references.column(name);
    }

    /** The pairs' hypothesis texts in order as a table column named {@code name} (sharing the pairs' arrays). */
    public TextColumn hypothesisColumn(String name) {
        return hypotheses.column(name);
    }

    /** The pairs' ids in order (not copied: read only). */
    public String[] ids() {
        return ids;
    }

    /** Each pair's speaker as an index into {@link #speakerLevels()} (numbered in order of first appearance; read only). */
    public int[] speakerCodes() {
        return speakerCodes;
    }

    /** The distinct speakers in order of first appearance. */
    public List<String> speakerLevels() {
        return speakerLevels;
    }

    /** Where each pair's texts lie in the two trn files, or null when the pairs did not come from trn files. */
    public PlainTexts plainTexts() {
        return plainTexts;
    }

    public List<String> referenceOnly() {
        return referenceOnly;
    }

    public List<String> hypothesisOnly() {
        return hypothesisOnly;
    }

    public MissingPolicy policy() {
        return policy;
    }
}
