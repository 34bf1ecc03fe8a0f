package org.fairhunt.lastmile.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a customer's test against a service card found (schema {@value #SCHEMA}). Undefined numbers are
 * {@code null}. Degradations are oriented so that a positive value is always worse for the customer:
 * {@code customer − card} for error-like metrics (WER), {@code card − customer} for metrics where
 * higher is better (accuracy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LastMileResult(String schema, CardInfo card, CustomerInfo customer, double level,
        Map<String, Double> tolerance, List<Comparison> comparisons, List<Difference> differences,
        List<Heterogeneity> heterogeneity, List<Interaction> interactions, List<Claim> claims,
        List<Uncovered> coverage, List<Advice> advice, List<LabelFree> labelFree, List<String> notes) {
    public static final String SCHEMA = org.fairhunt.core.json.ResultKind.LASTMILE.schemaName();

    /** The card tested against: its identity and signature. */
    public record CardInfo(String file, String name, String version, String provider, String date, Boolean signed,
            String signer, String keyId, String signedAt, String normalization) {
    }

    /** The customer's data: source, rows, groups, condition columns, and the audit settings used. */
    public record CustomerInfo(String source, long rows, List<String> groups, List<String> conditions, int replicates,
            String cluster, String normalization) {
    }

    /**
     * One slice in both: the card's and the customer's value and the degradation with a non-inferiority
     * verdict. {@code cardSlice} differs from {@code slice} when the customer's slice fixes a condition the
     * card never evaluated (then the card's value for the rest of the slice is the baseline).
     */
    public record Comparison(Map<String, String> slice, Map<String, String> cardSlice, String metric, Double card,
            Double cardLo, Double cardHi, long cardN, Integer cardClusters, Double customer, Double customerLo,
            Double customerHi, long customerN, Integer customerClusters, Double degradation, Double lo, Double hi,
            Double p, Double tolerance, String verdict, Long moreRowsNeeded, Long moreClustersNeeded, String note) {
    }

    /**
     * Difference-in-differences of one group against the reference group of its attribute:
     * {@code (customer_g − card_g) − (customer_ref − card_ref)}, oriented as the degradations.
     */
    public record Difference(String attribute, String group, String reference, String metric, Double degradation,
            Double referenceDegradation, Double value, Double lo, Double hi, Double p, Double q, boolean significant) {
    }

    /** Cochran's Q over the groups of one attribute: do all groups degrade equally? */
    public record Heterogeneity(String attribute, String metric, int groups, Double q, Integer df, Double p, Double i2) {
    }

    /**
     * Within the customer's data: {@code (m[g,c] − m[g,c0]) − (m[ref,c] − m[ref,c0])}, replicate by replicate
     * (speaker-clustered), oriented so that positive is worse for {@code group}.
     */
    public record Interaction(String attribute, String group, String reference, String conditionAttribute,
            String condition, String baseline, String metric, Double groupEffect, Double referenceEffect, Double value,
            Double lo, Double hi, Double p, Double q, boolean significant) {
    }

    /** A claim of the card judged on the provider's data (as recorded) and on the customer's. */
    public record Claim(String constraint, String cardOutcome, String customerOutcome, String detail) {
    }

    /** A slice or condition of the customer's that the provider's evaluation never covered. */
    public record Uncovered(Map<String, String> slice, long n, String metric, Double customer, Double customerLo,
            Double customerHi, String reason) {
    }

    /** What to do next. */
    public record Advice(String kind, Map<String, String> slice, String metric, String text) {
    }

    /**
     * A label-free estimate of a group's accuracy from calibrated scores (confidence-based performance
     * estimation), with the rows to label to confirm it.
     */
    public record LabelFree(Map<String, String> slice, long n, Double accuracy, Double lo, Double hi, Double card,
            Long rowsToLabel, String basis) {
    }
}
