package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

class ProgramSettingsTest {
    private final ProgramSettings s = ProgramSettings.defaults("y", Loss.ZERO_ONE).withReportStep(0.005);

    @Test
    void submitters_learn_the_gain_rounded_down_to_the_reporting_step() {
        assertEquals(0.010, s.reported(0.0123), 1e-15);
        assertEquals(0.005, s.reported(0.005), 1e-15);
        assertEquals(0.0, s.reported(0.0049), 0.0);
        assertEquals(0.0, s.reported(-0.2), 0.0);
        assertEquals(0.0, s.withReportStep(0).reported(0.3), 0.0);
    }

    @Test
    void settings_round_trip_through_their_stored_form() {
        assertEquals(s, ProgramSettings.fromMap(s.toMap()));
    }

    @Test
    void nonsensical_settings_are_refused_with_the_option_name() {
        assertTrue(assertThrows(UserInputException.class, () -> s.withAlpha(0)).getMessage().contains("--alpha"));
        assertTrue(assertThrows(UserInputException.class, () -> s.withBudget(0)).getMessage().contains("--budget"));
        assertTrue(assertThrows(UserInputException.class, () -> s.withMinGroupSize(0)).getMessage().contains("--min-group-size"));
        assertTrue(assertThrows(UserInputException.class, () -> s.withReportStep(-1)).getMessage().contains("--report-step"));
    }
}
