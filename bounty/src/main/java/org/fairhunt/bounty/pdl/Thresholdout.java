package org.fairhunt.bounty.pdl;

import java.util.Locale;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;

/**
 * Thresholdout, the reusable holdout of Dwork, Feldman, Hardt, Pitassi, Reingold and Roth ("The reusable
 * holdout: Preserving validity in adaptive data analysis", Science 349, 2015), exactly as its algorithm
 * box states it. Given a threshold T, a noise rate σ and a budget B:
 * <ol>
 *   <li>once: γ ~ Lap(2σ), T̂ = T + γ;</li>
 *   <li>per query φ: if B &lt; 1, no answer (⊥); else η ~ Lap(4σ); if |φ(holdout) − φ(train)| &gt; T̂ + η, then
 *       ξ ~ Lap(σ), γ ~ Lap(2σ), B ← B − 1, T̂ ← T + γ, and the answer is φ(holdout) + ξ; otherwise the answer is
 *       φ(train).</li>
 * </ol>
 * The threshold noise γ is redrawn only after an over-threshold answer (as in the paper); η is fresh per query.
 *
 * <p>Noise is a function of a recorded seed and the query's index alone: query q draws η, ξ, γ (always all
 * three, in that order) from {@code SplittableRandom(seed + q·φ)}, and the first γ from index −1. Replaying the
 * recorded (train, holdout) pairs therefore reproduces every answer bit for bit.
 */
public final class Thresholdout {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * The program's setting.
     *
     * @param threshold T, in the statistic's units (a gain μ̂(g)·ΔL̂)
     * @param sigma     σ, the Laplace scale of the answers' noise (threshold noise 2σ, comparison noise 4σ)
     * @param budget    B, the over-threshold (holdout) answers the program may give in all
     */
    public record Settings(double threshold, double sigma, int budget) {
        public Settings {
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new UserInputException("--thresholdout threshold must be a number ≥ 0, got " + threshold);
            }
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new UserInputException("--thresholdout sigma must be a number ≥ 0, got " + sigma);
            }
            if (budget < 1) {
                throw new UserInputException("--thresholdout budget must be at least 1, got " + budget);
            }
        }

        /** Parses {@code threshold=T,sigma=S,budget=B} (all three, any order). */
        public static Settings parse(String text) {
            Double t = null;
            Double s = null;
            Integer b = null;
            for (String part : text.split(",", -1)) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                String value = eq < 0 ? "" : part.substring(eq + 1).trim();
                try {
                    switch (key) {
                        case "threshold" -> t = Double.parseDouble(value);
                        case "sigma" -> s = Double.parseDouble(value);
                        case "budget" -> b = Integer.parseInt(value);
                        default -> throw new UserInputException("--thresholdout: unknown field '" + key
                                + "'; expected threshold=T,sigma=S,budget=B");
                    }
                } catch (NumberFormatException e) {
                    throw new UserInputException("--thresholdout " + key + " must be a " + ("budget".equals(key) ? "whole number" : "number")
                            + ", got '" + value + "'");
                }
            }
            if (t == null || s == null || b == null) {
                throw new UserInputException("--thresholdout needs threshold=T,sigma=S,budget=B; missing "
                        + (t == null ? "threshold" : s == null ? "sigma" : "budget"));
            }
            return new Settings(t, s, b);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "threshold=%s,sigma=%s,budget=%d", threshold, sigma, budget);
        }
    }

    /**
     * One answer: the value revealed, and whether it came from the holdout (over the threshold, one unit of
     * budget spent).
     */
    public record Answer(double value, boolean overThreshold) {
    }

    private final Settings settings;
    private final long seed;
    private int queries;
    private int spent;
    private double thresholdHat;

    public Thresholdout(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.thresholdHat = settings.threshold() + draws(-1)[2];
    }

    /** Over-threshold answers given so far. */
    public int spent() {
        return spent;
    }

    /** Queries answered so far. */
    public int queries() {
        return queries;
    }

    public boolean exhausted() {
        return spent >= settings.budget();
    }

    /** Answers one query; {@link #exhausted()} must be false (the paper's ⊥ is the caller's refusal). */
    public Answer query(double onTrain, double onHoldout) {
        if (exhausted()) {
            throw new IllegalStateException("Thresholdout budget exhausted");
        }
        double[] d = draws(queries++);
        if (Math.abs(onHoldout - onTrain) > thresholdHat + d[0]) {
            spent++;
            thresholdHat = settings.threshold() + d[2];
            return new Answer(onHoldout + d[1], true);
        }
        return new Answer(onTrain, false);
    }

    /** η ~ Lap(4σ), ξ ~ Lap(σ), γ ~ Lap(2σ) of query {@code q}. */
    private double[] draws(int q) {
        SplittableRandom r = new SplittableRandom(seed + GOLDEN * (q + 1L));
        double sigma = settings.sigma();
        return new double[] {laplace(r, 4 * sigma), laplace(r, sigma), laplace(r, 2 * sigma)};
    }

    /** Lap(b) by inversion; b = 0 gives 0 (the uniform is drawn anyway, so the stream does not depend on b). */
    static double laplace(SplittableRandom r, double b) {
        double u = r.nextDouble() - 0.5;
        if (b == 0) {
            return 0;
        }
        double a = Math.min(Math.abs(u), Math.nextDown(0.5)); // u = −0.5 would give log(0)
        return -b * Math.signum(u) * Math.log(1 - 2 * a);
    }
}
