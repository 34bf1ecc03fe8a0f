package org.fairhunt.speech.format;

/**
 * How a speaker is read from an utterance id, as sclite's {@code -i} option: {@code rm} takes the part
 * before the first {@code _} ({@code awb_clean_s01} → {@code awb}), {@code spu_id} the part before the
 * first {@code -}, {@code none} treats every utterance as its own speaker.
 */
public enum SpeakerIds {
    RM('_'),
    SPU_ID('-'),
    NONE('\0');

    private final char separator;

    SpeakerIds(char separator) {
        this.separator = separator;
    }

    public String speakerOf(String utteranceId) {
        if (this == NONE) {
            return utteranceId;
        }
        int cut = utteranceId.indexOf(separator);
        return cut < 0 ? utteranceId : utteranceId.substring(0, cut);
    }

    /** Parses {@code rm}, {@code spu_id} or {@code none} (case-insensitive). */
    public static SpeakerIds parse(String name) {
        for (SpeakerIds s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new org.fairhunt.core.UserInputException(
                "unknown utterance-id format '" + name + "': expected rm, spu_id or none");
    }
}
