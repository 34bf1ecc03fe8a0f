package org.fairhunt.speech.score;

import java.util.Map;

/**
 * One scored utterance: its id and speaker, its group attributes (accent, condition, …; may be empty),
 * the raw reference and hypothesis text exactly as read, and the counts after normalization.
 */
public record ScoredUtterance(String id, String speaker, Map<String, String> attributes, String rawReference,
                              String rawHypothesis, UtteranceScore score) {
}
