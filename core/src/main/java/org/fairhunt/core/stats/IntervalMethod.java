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
    RATIO_T("ratio t");

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
