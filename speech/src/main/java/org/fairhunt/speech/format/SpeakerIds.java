package org.fairhunt.speech.format;

import java.util.Locale;
import org.fairhunt.core.UserInputException;

/**
 * How a speaker is read from an utterance id. {@code SCLITE} is sclite's rule for its {@code -i rm} and
 * {@code -i spu_id} (measured on sclite 2.10: both behave the same): the part before the first {@code -},
 * or, in an id without {@code -}, the part before the first {@code _} ({@code awb-white-noise_s01} →
 * {@code awb}, {@code awb_clean_s01} → {@code awb}, {@code m_n-o_p} → {@code m_n}); an id with neither is
 * its own speaker (sclite reports it with an empty speaker). {@code NONE} makes every utterance its own
 * speaker. The ids Fairhunt writes follow {@link UtteranceIds}, whose first field is this speaker.
 */
public enum SpeakerIds {
    SCLITE,
    NONE;

    public String speakerOf(String utteranceId) {
        if (this == NONE) {
            return utteranceId;
        }
        int cut = speakerEnd(utteranceId);
        return cut < 0 ? utteranceId : utteranceId.substring(0, cut);
    }

    /** Index of the character that ends the speaker by sclite's rule ({@code -}, else {@code _}), or -1. */
    static int speakerEnd(String id) {
        int dash = id.indexOf('-');
        return dash >= 0 ? dash : id.indexOf('_');
    }

    /** {@link #speakerEnd(String)} of the id whose Latin-1 bytes are {@code bytes[from, from + length)}, in one pass. */
    static int speakerEnd(byte[] bytes, int from, int length) {
        int underscore = -1;
        for (int k = 0; k < length; k++) {
            byte b = bytes[from + k];
            if (b == '-') {
                return k;
            }
            if (b == '_' && underscore < 0) {
                underscore = k;
            }
        }
        return underscore;
    }

    /** Parses {@code sclite} (aliases {@code rm} and {@code spu_id}, which sclite treats alike) or {@code none}. */
    public static SpeakerIds parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sclite", "rm", "spu_id" -> SCLITE;
            case "none" -> NONE;
            default -> throw new UserInputException("unknown utterance-id format '" + name
                    + "': expected sclite (also accepted as rm or spu_id) or none");
        };
    }
}
