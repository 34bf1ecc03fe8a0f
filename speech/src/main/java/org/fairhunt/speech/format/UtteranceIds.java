package org.fairhunt.speech.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fairhunt.core.UserInputException;

/**
 * The one utterance-id convention of Fairhunt: {@code SPEAKER-CONDITION_UTTERANCE}, e.g.
 * {@code awb-white-noise-snr10_s01}. {@code augment} names its files so, {@code transcribe} writes the
 * file names as ids, {@code augment --transcripts} writes the matching reference trn, and {@code wer}
 * reads the parts as the columns {@code speaker, condition, utterance} by default.
 *
 * <p>The first field ends at the first {@code -} (or, in an id without {@code -}, at the first
 * {@code _}): exactly sclite's speaker rule ({@link SpeakerIds#SCLITE}), so sclite's per-speaker tables
 * equal ours. The remaining fields are separated by {@code _}. A speaker therefore holds neither
 * {@code -} nor {@code _}, and a condition no {@code _} (condition labels such as
 * {@code white-noise-snr10} may hold {@code -}); the last field takes the rest of the id, so an
 * utterance name may hold {@code _}. Old-style ids {@code awb_clean_s01} parse to the same
 * three fields.
 */
public final class UtteranceIds {

    /** The field names {@code wer} gives the parts of three-part ids by default. */
    public static final List<String> DEFAULT_FIELDS = List.of("speaker", "condition", "utterance");

    private static final Pattern SPEAKER = Pattern.compile("[^\\s()\\[\\]{}_\\-]+");
    private static final Pattern CONDITION = Pattern.compile("[^\\s()\\[\\]{}_]+");
    private static final Pattern UTTERANCE = Pattern.compile("[^\\s()\\[\\]{}]+");

    private UtteranceIds() {
    }

    /** {@code speaker-condition_utterance}, after checking each part can be read back. */
    public static String compose(String speaker, String condition, String utterance) {
        check(speaker, SPEAKER, "speaker", "'-', '_', spaces or brackets");
        check(condition, CONDITION, "condition", "'_', spaces or brackets");
        check(utterance, UTTERANCE, "utterance", "spaces or brackets");
        return speaker + "-" + condition + "_" + utterance;
    }

    /** {@code speaker-utterance}: the id of an utterance before any condition is applied. */
    public static String compose(String speaker, String utterance) {
        check(speaker, SPEAKER, "speaker", "'-', '_', spaces or brackets");
        check(utterance, UTTERANCE, "utterance", "spaces or brackets");
        return speaker + "-" + utterance;
    }

    private static void check(String part, Pattern allowed, String what, String forbidden) {
        if (part == null || !allowed.matcher(part).matches()) {
            throw new UserInputException("cannot use '" + part + "' as the " + what + " part of an utterance id: it must be "
                    + "non-empty and hold no " + forbidden + " (ids are SPEAKER-CONDITION_UTTERANCE)");
        }
    }

    /**
     * The parts of {@code id}: the speaker by sclite's rule, then the rest split at {@code _}, the last
     * part taking what remains (an utterance name may hold {@code _}); null when the id has fewer than
     * {@code count} non-empty parts.
     */
    public static List<String> split(String id, int count) {
        int cut = SpeakerIds.speakerEnd(id);
        if (count == 1) {
            return List.of(SpeakerIds.SCLITE.speakerOf(id));
        }
        if (cut <= 0 || cut == id.length() - 1) {
            return null;
        }
        List<String> parts = new ArrayList<>(count);
        parts.add(id.substring(0, cut));
        String rest = id.substring(cut + 1);
        int start = 0;
        for (int k = 1; k < count - 1; k++) {
            int us = rest.indexOf('_', start);
            if (us < 0) {
                return null;
            }
            parts.add(rest.substring(start, us));
            start = us + 1;
        }
        parts.add(rest.substring(start));
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    /** Whether every id has the three parts of the convention (so {@code wer} names them by default). */
    public static boolean allConventional(List<String> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        for (String id : ids) {
            if (!hasThreeParts(id)) {
                return false;
            }
        }
        return true;
    }

    /** {@code split(id, 3) != null} without making the parts: a speaker, then a non-empty part on each side of a '_'. */
    static boolean hasThreeParts(String id) {
        int cut = SpeakerIds.speakerEnd(id);
        if (cut <= 0) {
            return false;
        }
        int underscore = id.indexOf('_', cut + 1);
        return underscore > cut + 1 && underscore < id.length() - 1;
    }

    /** How the fields are read, for reports: {@code voice-condition_sentence ids (sclite's speaker rule for voice)}. */
    public static String describe(List<String> fields) {
        if (fields.size() == 1) {
            return fields.get(0) + " = the id up to its first '-' (else its first '_'), as sclite";
        }
        return "ids " + fields.get(0) + "-" + String.join("_", fields.subList(1, fields.size()))
                + " (" + fields.get(0) + " up to the first '-', else '_', as sclite's speaker)";
    }

    /**
     * Speaker and utterance of a clean recording from its path below the input folder: a file in a
     * folder is that folder's speaker ({@code awb/s01.wav} → awb, s01; deeper folders join the utterance
     * with {@code _}); a file at the top names both ({@code awb-s01.wav} or {@code awb_s01.wav}, by sclite's
     * rule). A top-level name with neither {@code -} nor {@code _} has no speaker: a user error.
     */
    public static String[] speakerAndUtterance(java.nio.file.Path relative) {
        String p = relative.toString().replace('\\', '/');
        String stem = p.substring(0, p.length() - (p.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? 4 : 0));
        int slash = stem.indexOf('/');
        if (slash > 0) {
            return new String[] {stem.substring(0, slash), stem.substring(slash + 1).replace('/', '_')};
        }
        List<String> parts = split(stem, 2);
        if (parts == null) {
            throw new UserInputException("cannot tell the speaker of " + relative + ": put each speaker's files in a folder "
                    + "named after the speaker (awb/s01.wav), or name them SPEAKER-UTTERANCE.wav (awb-s01.wav)");
        }
        return new String[] {parts.get(0), parts.get(1)};
    }
}
