package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoProportionPowerTest {

    @Test
    void equal_groups_match_r_power_prop_test_documented_example() {
        // R: power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7 per group.
        double n = TwoProportionPower.sampleSizeWithRatio(0.50, 0.75, 1, 0.05, 0.90);
        assertEquals(76.7, n, 0.05);
        assertEquals(0.90, TwoProportionPower.power(0.50, 0.75, n, n, 0.05), 1e-9);
    }

    @Test
    void unequal_groups_match_the_fleiss_tytun_ury_formula_by_hand() {
        // p1 = .10, p2 = .13, r = 3, 80% power, 5% two-sided: p̄ = .1225,
        // n1 = [1.959964·√(.1225·.8775·4/3) + .841621·√(.09 + .1131/3)]² / .03² = 1208.17
        assertEquals(1208.17, TwoProportionPower.sampleSizeWithRatio(0.10, 0.13, 3, 0.05, 0.80), 0.01);
    }

    @Test
    void solving_against_a_fixed_group_reaches_the_power_and_agrees_with_the_ratio_formula() {
        double n1 = TwoProportionPower.sampleSizeAgainstFixedGroup(0.10, 0.13, 3 * 1208.1725937366696, 0.05, 0.80);
        // With n2 fixed at 3·1208.17, the ratio formula's n1 gives exactly that n2, so they must agree.
        assertEquals(1208.17, n1, 0.01);
        assertEquals(0.80, TwoProportionPower.power(0.10, 0.13, n1, 3 * 1208.1725937366696, 0.05), 1e-9);
    }

    @Test
    void a_too_small_reference_group_can_never_reach_the_power() {
        assertTrue(Double.isInfinite(TwoProportionPower.sampleSizeAgainstFixedGroup(0.10, 0.13, 50, 0.05, 0.80)));
    }
}
