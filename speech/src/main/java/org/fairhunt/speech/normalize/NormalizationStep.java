package org.fairhunt.speech.normalize;

import java.util.List;

/** One normalization step: a pure function from tokens to tokens, with a name for the report. */
public interface NormalizationStep {

    List<String> apply(List<String> tokens);

    /** Short name shown in reports, e.g. {@code case} or {@code word-map(glm.txt, 12 rules)}. */
    String describe();
}
