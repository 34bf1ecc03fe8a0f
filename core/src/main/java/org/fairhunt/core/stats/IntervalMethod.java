package org.fairhunt.core.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.fairhunt.core.json.Words;

/** How an {@link Interval} was computed; JSON and reports use {@link #word()}, readers see {@link #title()}. */
public enum IntervalMethod {
    /** Wilson's score interval for a proportion. */
    WILSON("Wilson score"),
    /** The exact (conservative) binomial interval. */
    CLOPPER_PEARSON("Clopper–Pearson"),
    /** Percentiles of the Poisson bootstrap replicates. */
    BOOTSTRAP_PERCENTILE("bootstrap percentile"),
    /** Newcombe's hybrid score interval for a difference of two proportions. */
    NEWCOMBE("Newcombe hybrid score"),
    /** Katz's log interval for a ratio of two proportions. */
    KATZ_LOG("Katz log"),
    /** A t interval of a ratio estimator (error sums over unit sums, as WER). */
    RATIO_T("ratio t"),
    /** Wilson's interval at the design-effect sample size with t on G − 1 degrees of freedom (clustered rows). */
    WILSON_DESIGN_EFFECT("Wilson at the design-effect sample size"),
    /** Newcombe's construction (MOVER) from design-effect Wilson intervals of each side (clustered rows). */
    NEWCOMBE_DESIGN_EFFECT("Newcombe from design-effect Wilson intervals"),
    /** Estimate ± critical value × bootstrap standard error. */
    BOOTSTRAP_STUDENTIZED("bootstrap standard error"),
    /** The same on the log scale, for a ratio. */
    BOOTSTRAP_STUDENTIZED_LOG("bootstrap standard error of the log ratio"),
    /** A percentile interval clipped at 0, for a quantity that cannot be negative. */
    BOOTSTRAP_PERCENTILE_CLIPPED_AT_0("bootstrap percentile, clipped at 0"),
    /** {@code [0, U]}, U a bootstrap percentile: a distance that is 0 under no bias and estimated with upward bias. */
    BOOTSTRAP_ONE_SIDED_UPPER("one-sided bootstrap upper bound"),
    /** ECE: lower end from the unbiased squared calibration error (0 unless calibration is rejected), upper end from the plug-in. */
    BOOTSTRAP_DEBIASED_LOWER_PLUGIN_UPPER("bootstrap, debiased lower end"),
    /** Hsu's multiple comparisons with the best (a reference chosen from the data). */
    HSU_MCB("Hsu's comparison with the best");

    private final String title;

    IntervalMethod(String title) {
        this.title = title;
    }

    /** The name in JSON: {@code wilson}, {@code clopper_pearson}, … */
    @JsonValue
    public String word() {
        return Words.of(this);
    }

    /** The name for a reader: "Wilson score", "Clopper–Pearson", … */
    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return word();
    }

    /** The method named {@code word} (as JSON spells it). */
    @JsonCreator
    public static IntervalMethod of(String word) {
        return Words.parse(values(), word, "interval method");
    }
}
