package org.fairhunt.bounty.schema;

import java.util.List;

/**
 * One model input. {@code levels} is the category dictionary for a categorical feature (code i means
 * {@code levels.get(i)}) and empty for a numeric one.
 */
public record Feature(String name, boolean categorical, List<String> levels) {
    public Feature {
        levels = List.copyOf(levels);
    }

    /** The CEL type name shown to users. */
    public String celType() {
        return categorical ? "string" : "double";
    }
}
