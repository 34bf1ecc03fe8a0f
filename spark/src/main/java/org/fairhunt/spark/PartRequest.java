package org.fairhunt.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import org.fairhunt.core.audit.AuditRequest;

/**
 * What an executor needs of an {@link AuditRequest} to fill its partition's state: the columns and the
 * bootstrap, not the policy or the reporting options. One thread per task: Spark runs the tasks in parallel.
 */
record PartRequest(String label, String positive, String prediction, String score, boolean regression, List<String> groups,
        LinkedHashMap<String, String> bins, int intersections, int minGroupSize, int bootstrap, long seed, String cluster,
        String weight, boolean clarify, String conditionalGroup, int maxLevels) implements Serializable {

    static PartRequest of(AuditRequest r) {
        return new PartRequest(r.label(), r.positive(), r.prediction(), r.score(), r.regression(), List.copyOf(r.groups()),
                new LinkedHashMap<>(r.bins()), r.intersections(), r.minGroupSize(), r.bootstrap(), r.seed(), r.cluster(),
                r.weight(), r.clarify(), r.conditionalGroup(), r.maxLevels());
    }

    AuditRequest toRequest() {
        return AuditRequest.builder().label(label, positive).prediction(prediction).score(score).regression(regression)
                .groups(groups).bins(bins).intersections(intersections).minGroupSize(minGroupSize).maxLevels(maxLevels)
                .bootstrap(bootstrap, seed, cluster).weight(weight).threads(1).clarify(clarify, conditionalGroup, List.of())
                .build();
    }
}
