package org.fairhunt.lastmile.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.normalize.Normalizer;

/**
 * Runs the customer's audit with the card's definitions: the same metrics (word error rate with the
 * card's normalization for a speech card; the confusion and score metrics for a tabular one), the
 * card's attributes plus the customer's condition columns with their two-way intersections, and the
 * card's number of bootstrap replicates, clustered by speaker when there is one.
 */
public final class CustomerAudit {
    private CustomerAudit() {
    }

    /**
     * What the customer's data hold.
     *
     * @param reference  speech: the reference transcript column
     * @param hypothesis speech: the recognizer's output column
     * @param speaker    speech: the speaker column (the bootstrap cluster), or {@code null}
     * @param label      tabular: the outcome column
     * @param positive   tabular: the positive label value, or {@code null}
     * @param prediction tabular: the prediction column, or {@code null}
     * @param score      tabular: the score column, or {@code null}
     * @param cluster    tabular: a cluster column, or {@code null}
     * @param normalize  speech: normalization steps given by the customer ({@code null}: the card's)
     * @param wordMap    speech: a word map file, or {@code null}
     * @param replicates bootstrap replicates ({@code 0}: the card's)
     * @param seed       bootstrap seed
     * @param threads    worker threads
     */
    public record Columns(String reference, String hypothesis, String speaker, String label, String positive,
            String prediction, String score, String cluster, String normalize, Path wordMap, int replicates, long seed,
            int threads) {
    }

    public static LastMile.Customer run(Card card, Table table, List<String> groups, List<String> conditions, Columns c,
            double level) {
        List<String> attributes = new ArrayList<>(groups);
        attributes.addAll(conditions);
        if (attributes.isEmpty()) {
            throw new UserInputException("name the card's attributes your data hold (--group) and/or your condition column(s)"
                    + " (--condition)");
        }
        int replicates = c.replicates() > 0 ? c.replicates() : Math.max(200, card.evaluation().path("bootstrap").path("replicates").asInt(500));
        int intersections = Math.min(2, attributes.size());
        int minGroup = card.evaluation().path("min_group_size").asInt(30);
        boolean speech = card.normalization() != null;
        if (speech) {
            if (c.reference() == null || c.hypothesis() == null) {
                throw new UserInputException("this is a speech card: give --ref-col and --hyp-col (and --speaker)");
            }
            Normalizer normalizer = normalizer(card.normalization(), c.normalize(), c.wordMap());
            String speaker = c.speaker() != null ? c.speaker() : table.hasColumn("speaker") ? "speaker" : null;
            if (speaker != null && !table.hasColumn(speaker)) {
                throw new UserInputException(table.source() + ": no speaker column '" + speaker + "'; columns are "
                        + table.columnNames());
            }
            var options = new WerAudit.Options(normalizer, attributes, intersections, replicates, c.seed(), speaker, minGroup,
                    c.threads(), level).withoutCharacters();
            WerAudit.Result r = WerAudit.run(table, null, c.reference(), c.hypothesis(), speaker, options, new LinkedHashMap<>());
            return LastMile.Customer.of(r.run(), r.audit(), r.table(), normalizer.describe());
        }
        if (c.reference() != null || c.hypothesis() != null) {
            throw new UserInputException("the card is not a speech card (it has no normalization); --ref-col/--hyp-col do not apply");
        }
        if (c.label() == null) {
            throw new UserInputException("give --label (and --prediction and/or --score) for a tabular card");
        }
        AuditRequest request = new AuditRequest(c.label(), c.positive(), c.prediction(), c.score(), false, attributes, Map.of(),
                intersections, minGroup, null, replicates, c.seed(), c.cluster(), null, c.threads(), level);
        Auditor.Outcome o = Auditor.run(table, request);
        return LastMile.Customer.of(o.run(), o.result(), o.table(), null);
    }

    /**
     * The card's normalization rebuilt from its description ({@code whitespace > case > punctuation}),
     * or the customer's own steps, which must then describe the same chain.
     */
    static Normalizer normalizer(String cardDescription, String customerSteps, Path wordMap) {
        if (customerSteps != null) {
            return Normalizer.parse(customerSteps, wordMap);
        }
        List<String> steps = new ArrayList<>();
        boolean needsMap = false;
        for (String part : cardDescription.split(" > ")) {
            String p = part.strip();
            if (p.equals("whitespace")) {
                continue;
            }
            if (p.startsWith("word-map")) {
                needsMap = true;
            } else if (Normalizer.STEP_NAMES.contains(p)) {
                steps.add(p);
            } else {
                throw new UserInputException("the card's normalization '" + cardDescription + "' has a step '" + p
                        + "' this Fairhunt cannot rebuild; give --normalize with the same steps");
            }
        }
        if (needsMap && wordMap == null) {
            throw new UserInputException("the card's normalization '" + cardDescription + "' uses a word map; give the provider's"
                    + " map with --word-map FILE");
        }
        return Normalizer.parse(steps.isEmpty() ? "none" : String.join(",", steps), needsMap ? wordMap : null);
    }
}
