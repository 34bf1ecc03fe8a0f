package org.fairhunt.report;

import java.util.List;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.testing.Tables;
import org.fairhunt.core.table.Table;

/**
 * A twelve-row audit small enough to check by hand. Confusion counts (label y, prediction p):
 * <pre>
 *   sex=f: TP 1, FN 1, TN 2, FP 1   (n 5)  accuracy 3/5, tpr 1/2, fpr 1/3
 *   sex=m: TP 2, FN 0, TN 3, FP 0   (n 5)  accuracy 5/5, tpr 2/2, fpr 0/3
 *   sex=x: TP 0, FN 0, TN 1, FP 1   (n 2)  accuracy 1/2, tpr undefined (no positives), fpr 1/2
 *   all:   TP 3, FN 1, TN 6, FP 2   (n 12) accuracy 9/12, tpr 3/4, fpr 2/8
 * </pre>
 * With a minimum slice size of 3, {@code x} is too small.
 */
public final class HandAudits {
    private HandAudits() {
    }

    /** The table, with {@code sexValueX} as the third group's value (to smuggle markup into reports). */
    public static Table table(String sexValueX) {
        return Tables.of("hand.csv", List.of("sex", "y", "p"),
                new String[] {"f", "1", "1"}, new String[] {"f", "1", "0"}, new String[] {"f", "0", "0"},
                new String[] {"f", "0", "1"}, new String[] {"f", "0", "0"},
                new String[] {"m", "1", "1"}, new String[] {"m", "1", "1"}, new String[] {"m", "0", "0"},
                new String[] {"m", "0", "0"}, new String[] {"m", "0", "0"},
                new String[] {sexValueX, "0", "0"}, new String[] {sexValueX, "0", "1"});
    }

    /** The audit of {@link #table(String)} with accuracy, tpr and fpr and Wilson intervals. */
    public static AuditResult result(String sexValueX) {
        AuditRequest request = AuditRequest.of("y", null, "p", null, List.of("sex")).withMinGroupSize(3)
                .withMetrics(List.of("accuracy", "tpr", "fpr")).withThreads(1);
        return Auditor.run(table(sexValueX), request).result();
    }

    public static AuditResult result() {
        return result("x");
    }
}
