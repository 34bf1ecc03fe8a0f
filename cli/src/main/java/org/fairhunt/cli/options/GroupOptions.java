package org.fairhunt.cli.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import picocli.CommandLine.Option;

/** Which slices an audit reports: group attributes, their intersections, bins of numeric ones, and size limits. */
public final class GroupOptions {
    /** Default of {@code --max-levels}: more distinct values than this in one group attribute is refused. */
    public static final int DEFAULT_MAX_LEVELS = 1000;

    @Option(names = "--group", paramLabel = "ATTRIBUTE",
            description = "A group attribute (repeatable). A missing value is a group of its own, never imputed.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--bin", paramLabel = "ATTRIBUTE=CUTS",
            description = "Bin a numeric group attribute at these cut points, e.g. age=25,40,60 (repeatable).")
    List<String> bins = new ArrayList<>();

    @Option(names = "--intersections", paramLabel = "K", defaultValue = "1",
            description = "Also audit every combination of up to K attributes (default: ${DEFAULT-VALUE}).")
    int intersections;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Flag slices with fewer rows as too small to judge (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--max-levels", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_LEVELS,
            description = "Refuse a group attribute with more distinct values than N (default: ${DEFAULT-VALUE}): "
                    + "an id or a raw number is not a group; bin it (--bin) or raise N.")
    int maxLevels;

    /** The {@code --group} attributes, in the order given. */
    public List<String> groups() {
        return List.copyOf(groups);
    }

    public int intersections() {
        return intersections;
    }

    public int minGroupSize() {
        return minGroupSize;
    }

    public int maxLevels() {
        return maxLevels;
    }

    /** Refuses out-of-range values with the option's name. */
    public void validate() {
        if (intersections < 1) {
            throw new UserInputException("--intersections must be at least 1, got " + intersections);
        }
        if (minGroupSize < 0) {
            throw new UserInputException("--min-group-size must be >= 0, got " + minGroupSize);
        }
        if (maxLevels < 1) {
            throw new UserInputException("--max-levels must be at least 1, got " + maxLevels);
        }
    }

    /** The {@code --bin} options by attribute, in the order given. */
    public Map<String, String> binMap() {
        return parseBins(bins);
    }

    /** {@code ATTRIBUTE=CUTS} specifications by attribute, in the order given. */
    static Map<String, String> parseBins(List<String> specs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new UserInputException("--bin expects ATTRIBUTE=CUTS such as age=25,40,60, got '" + s + "'");
            }
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }
}
