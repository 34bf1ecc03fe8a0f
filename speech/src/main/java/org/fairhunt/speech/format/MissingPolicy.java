package org.fairhunt.speech.format;

import java.util.Locale;
import org.fairhunt.core.UserInputException;

/**
 * What to do with utterance ids present on one side only.
 * <ul>
 *   <li>{@link #SCLITE} (default) does what sclite does: a hypothesis id with no reference is an error
 *       (sclite stops with "Not enough Reference files loaded"); a reference id with no hypothesis is left
 *       out of the scores (sclite scores only the utterances the hypothesis file holds). Both lists are
 *       reported.</li>
 *   <li>{@link #SCORE_ALL} scores a missing hypothesis as empty (all deletions) and a hypothesis without a
 *       reference against an empty reference (all insertions): nothing a recognizer dropped goes unseen.</li>
 *   <li>{@link #ERROR} refuses any mismatch.</li>
 * </ul>
 */
public enum MissingPolicy {
    SCLITE,
    SCORE_ALL,
    ERROR;

    public static MissingPolicy parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "sclite" -> SCLITE;
            case "score-all" -> SCORE_ALL;
            case "error" -> ERROR;
            default -> throw new UserInputException("unknown missing-utterance policy '" + name
                    + "': expected sclite, score-all or error");
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
