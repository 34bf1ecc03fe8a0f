package org.fairhunt.bounty.pdl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;

/** Per-row losses; a group's error is the mean loss over its rows. */
public enum Loss {
    /** 1 when the predicted class differs from the label (classification). */
    ZERO_ONE("zero-one", Task.CLASSIFICATION) {
        @Override
        public double of(double label, double prediction) {
            return label == prediction ? 0 : 1;
        }
    },
    /** (prediction − label)² (regression). */
    SQUARED("squared", Task.REGRESSION) {
        @Override
        public double of(double label, double prediction) {
            double d = prediction - label;
            return d * d;
        }
    },
    /** |prediction − label| (regression). */
    ABSOLUTE("absolute", Task.REGRESSION) {
        @Override
        public double of(double label, double prediction) {
            return Math.abs(prediction - label);
        }
    };

    private final String cliName;
    private final Task task;

    Loss(String cliName, Task task) {
        this.cliName = cliName;
        this.task = task;
    }

    public abstract double of(double label, double prediction);

    public String cliName() {
        return cliName;
    }

    /** The task this loss is for. */
    public Task task() {
        return task;
    }

    public static Loss parse(String name) {
        for (Loss l : values()) {
            if (l.cliName.equals(name.toLowerCase(Locale.ROOT)) || l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new UserInputException("unknown loss '" + name + "'; expected one of: "
                + Arrays.stream(values()).map(Loss::cliName).collect(Collectors.joining(", ")));
    }
}
