package org.fairhunt.speech.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;

/**
 * Reference and hypothesis utterances joined by id, in reference order (then hypothesis-only ids in
 * hypothesis order), with the ids found on one side only listed, whatever the {@link MissingPolicy}.
 */
public final class UtterancePairs {

    /** One scored pair; the missing side of a pair kept by {@link MissingPolicy#SCORE_ALL} has empty text. */
    public record Pair(String id, String speaker, String reference, String hypothesis) {
    }

    private final List<Pair> pairs;
    private final List<String> referenceOnly;
    private final List<String> hypothesisOnly;
    private final MissingPolicy policy;

    private UtterancePairs(List<Pair> pairs, List<String> referenceOnly, List<String> hypothesisOnly,
                           MissingPolicy policy) {
        this.pairs = List.copyOf(pairs);
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
        return new UtterancePairs(pairs, refOnly, hypOnly, policy);
    }

    /** Up to ten ids, then how many more. */
    public static String preview(List<String> ids) {
        int shown = Math.min(10, ids.size());
        String head = String.join(", ", ids.subList(0, shown));
        return ids.size() > shown ? head + " … and " + (ids.size() - shown) + " more" : head;
    }

    public List<Pair> pairs() {
        return pairs;
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
