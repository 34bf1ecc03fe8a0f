package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

/** The mechanism of Dwork et al. (Science 2015) on hand-checkable inputs, its noise, and its settings. */
class ThresholdoutTest {

    @Test
    void without_noise_it_answers_the_training_value_within_the_threshold_and_the_holdout_value_beyond_it() {
        Thresholdout t = new Thresholdout(new Thresholdout.Settings(0.05, 0, 2), 1);
        assertEquals(new Thresholdout.Answer(0.10, false), t.query(0.10, 0.12)); // |0.12 − 0.10| = 0.02 ≤ 0.05
        assertEquals(new Thresholdout.Answer(0.0, false), t.query(0.0, 0.05));   // 0.05 is not > 0.05
        assertEquals(0, t.spent());
        assertEquals(new Thresholdout.Answer(0.20, true), t.query(0.10, 0.20));  // 0.10 > 0.05: the holdout's value
        assertEquals(1, t.spent());
        assertFalse(t.exhausted());
        assertEquals(new Thresholdout.Answer(-0.3, false), t.query(-0.3, -0.26));
        assertEquals(new Thresholdout.Answer(0.0, true), t.query(0.3, 0.0));
        assertEquals(2, t.spent());
        assertEquals(5, t.queries());
        assertTrue(t.exhausted());
        assertThrows(IllegalStateException.class, () -> t.query(0, 0), "B < 1 answers nothing (the paper's ⊥)");
    }

    @Test
    void the_same_seed_replays_the_same_answers_and_another_seed_does_not() {
        Thresholdout.Settings s = new Thresholdout.Settings(0.02, 0.01, 1000);
        Random r = new Random(5);
        double[][] q = new double[300][2];
        for (double[] x : q) {
            x[0] = r.nextDouble() * 0.1;
            x[1] = x[0] + r.nextGaussian() * 0.03;
        }
        List<Thresholdout.Answer> a = answers(new Thresholdout(s, 42), q);
        assertEquals(a, answers(new Thresholdout(s, 42), q));
        assertNotEquals(a, answers(new Thresholdout(s, 43), q));
    }

    private static List<Thresholdout.Answer> answers(Thresholdout t, double[][] q) {
        List<Thresholdout.Answer> out = new ArrayList<>();
        for (double[] x : q) {
            out.add(t.query(x[0], x[1]));
        }
        return out;
    }

    @Test
    void the_noise_has_the_papers_laplace_scales() {
        // Holdout answers carry ξ ~ Lap(σ): E|ξ| = σ, P(|ξ| > σ·ln 2) = ½.
        double sigma = 0.01;
        Thresholdout t = new Thresholdout(new Thresholdout.Settings(0, sigma, 20_000), 7);
        double sumAbs = 0;
        int over = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Thresholdout.Answer a = t.query(0, 1); // |1 − 0| far above T + γ + η: always a holdout answer
            assertTrue(a.overThreshold());
            sumAbs += Math.abs(a.value() - 1);
            over += Math.abs(a.value() - 1) > sigma * Math.log(2) ? 1 : 0;
        }
        assertEquals(sigma, sumAbs / n, 0.0004); // sd of the mean σ/√n = 0.00007
        assertEquals(0.5, over / (double) n, 0.015);
        // With equal values the answer is over the threshold iff T + γ + η < 0, γ ~ Lap(2σ), η ~ Lap(4σ):
        // P(γ + η < 0) = ½ by symmetry at T = 0, and P(γ + η < −T) = 0.2227 at T = 4σ (the density of the sum of
        // two Laplace variables with scales a = 2σ, b = 4σ: P(S > t) = (a²e^{−t/a} − b²e^{−t/b}) / (2(a² − b²)),
        // at t = 4σ: (4e^{−2} − 16e^{−1}) / (2·(4 − 16)) = 5.3447 / 24 = 0.2227). The threshold noise γ is redrawn only after an
        // over-threshold answer, so the frequency is checked over many independent seeds.
        int hits = 0;
        int seeds = 20_000;
        for (int seed = 0; seed < seeds; seed++) {
            hits += new Thresholdout(new Thresholdout.Settings(4 * sigma, sigma, 1), seed).query(0.5, 0.5).overThreshold() ? 1 : 0;
        }
        assertEquals(0.2227, hits / (double) seeds, 0.01);
    }

    @Test
    void settings_parse_and_bad_fields_are_named() {
        assertEquals(new Thresholdout.Settings(0.04, 0.01, 50), Thresholdout.Settings.parse("threshold=0.04,sigma=0.01,budget=50"));
        assertEquals(new Thresholdout.Settings(0.04, 0.01, 50), Thresholdout.Settings.parse("budget=50, sigma=0.01, threshold=0.04"));
        assertMessage("--thresholdout threshold must be a number ≥ 0, got -1.0", "threshold=-1,sigma=0.01,budget=5");
        assertMessage("--thresholdout sigma must be a number, got 'x'", "threshold=0.1,sigma=x,budget=5");
        assertMessage("--thresholdout budget must be at least 1, got 0", "threshold=0.1,sigma=0.01,budget=0");
        assertMessage("--thresholdout budget must be a whole number, got '2.5'", "threshold=0.1,sigma=0.01,budget=2.5");
        assertMessage("--thresholdout needs threshold=T,sigma=S,budget=B; missing budget", "threshold=0.1,sigma=0.01");
        assertMessage("--thresholdout: unknown field 'noise'; expected threshold=T,sigma=S,budget=B", "threshold=0.1,noise=1,budget=5");
        assertMessage("--thresholdout sigma must be a number ≥ 0, got NaN", "threshold=0.1,sigma=NaN,budget=5");
    }

    private static void assertMessage(String expected, String text) {
        assertEquals(expected, assertThrows(UserInputException.class, () -> Thresholdout.Settings.parse(text)).getMessage());
    }
}
