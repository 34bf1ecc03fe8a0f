package org.fairhunt.bounty.group;

import java.util.Set;
import org.fairhunt.bounty.schema.FeatureData;

/** A group g: x → {0,1} over a program's features. */
public interface GroupPredicate {

    /** Membership of every row. */
    boolean[] members(FeatureData data);

    /** Names of the features the group reads. */
    Set<String> featuresUsed();

    /** How the group is written (the CEL text, or the model's description). */
    String describe();

    /** Indices of the member rows, ascending. */
    static int[] rows(boolean[] members) {
        int n = 0;
        for (boolean b : members) {
            if (b) {
                n++;
            }
        }
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < members.length; i++) {
            if (members[i]) {
                rows[k++] = i;
            }
        }
        return rows;
    }
}
