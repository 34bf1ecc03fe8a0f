package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.fairhunt.core.engine.AucSums;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.PoissonWeights;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import scala.Tuple2;

/**
 * Exact AUC (Mann–Whitney, ties ½) per slice and replicate on Spark, as the local engine's rank pass
 * computes it. AUC is a rank statistic, not a mergeable sum over rows in any order; but it is one over
 * score ranges: with the rows range-partitioned by score ({@code sortByKey}, which puts equal scores in
 * one partition) each partition reports, per slice and replicate, its weight of positives and negatives
 * and the numerator it would have alone, and the driver adds {@code positives × negatives of all lower
 * partitions} in partition order. What travels is three arrays of {@code slices × replicates} per
 * partition, plus the shuffle of one small record per scored row that the sort needs.
 */
final class SparkAuc {
    record Result(double[][] values, String[][] reasons) {
    }

    /** One scored row: its outcome, bootstrap key, base weight and slice per attribute subset. */
    record Scored(boolean positive, long clusterKey, double base, int[] slices) implements Serializable {
    }

    private SparkAuc() {
    }

    static Result compute(JavaRDD<Row> rdd, Layout layout, Table binnedSchema, AuditSpec spec, Map<String, String> bins,
            List<SliceKey> slices, int rowIdField, long[] start) {
        String positive = BinaryOutcome.of(binnedSchema, spec.aucLabel(), spec.aucPositive()).positive();
        int labelField = layout.indexOf(spec.aucLabel());
        int scoreField = layout.indexOf(spec.aucScore());
        int weightField = spec.weight() == null ? -1 : layout.indexOf(spec.weight());
        int clusterField = spec.cluster() == null ? -1 : layout.indexOf(spec.cluster());
        List<String> groups = spec.groups();
        int[] groupFields = new int[groups.size()];
        String[] binnings = new String[groups.size()];
        for (int g = 0; g < groupFields.length; g++) {
            groupFields[g] = layout.indexOf(groups.get(g));
            binnings[g] = layout.kind(groupFields[g]) == Layout.Kind.NUMERIC ? bins.get(groups.get(g)) : null;
        }
        // Attribute subsets in the order the slices list them; a slice by (subset, values).
        List<List<String>> subsets = new ArrayList<>();
        // Slice by [subset index, values...]: plain strings, as the executors need them.
        HashMap<List<String>, Integer> sliceIndex = new HashMap<>();
        for (int s = 0; s < slices.size(); s++) {
            SliceKey k = slices.get(s);
            if (!subsets.contains(k.attributes())) {
                subsets.add(k.attributes());
            }
            List<String> key = new ArrayList<>();
            key.add(Integer.toString(subsets.indexOf(k.attributes())));
            key.addAll(k.values());
            sliceIndex.put(key, s);
        }
        int[][] subsetFields = new int[subsets.size()][];
        for (int s = 0; s < subsetFields.length; s++) {
            subsetFields[s] = subsets.get(s).stream().mapToInt(groups::indexOf).toArray();
        }
        int bootstrap = spec.replicates();
        JavaPairRDD<Double, Scored> scored = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
            Binning[] cuts = new Binning[binnings.length];
            for (int g = 0; g < cuts.length; g++) {
                cuts[g] = binnings[g] == null ? null : Binning.parse(binnings[g]);
            }
            List<Tuple2<Double, Scored>> out = new ArrayList<>();
            long row = p < start.length ? start[p] : 0;
            String[] values = new String[groupFields.length];
            while (it.hasNext()) {
                Row r = it.next();
                long id = rowIdField >= 0 ? r.getLong(rowIdField) : row;
                row++;
                String y = Values.text(r, labelField);
                double score = Values.number(r, scoreField);
                if (y == null || Double.isNaN(score)) {
                    continue;
                }
                for (int g = 0; g < values.length; g++) {
                    String v;
                    if (cuts[g] != null) {
                        int b = cuts[g].bin(Values.number(r, groupFields[g]));
                        v = b < 0 ? null : cuts[g].labels().get(b);
                    } else {
                        v = Values.text(r, groupFields[g]);
                    }
                    values[g] = v == null ? CategoricalColumn.MISSING_LABEL : v;
                }
                int[] sl = new int[subsetFields.length];
                for (int s = 0; s < sl.length; s++) {
                    List<String> vs = new ArrayList<>(subsetFields[s].length + 1);
                    vs.add(Integer.toString(s));
                    for (int g : subsetFields[s]) {
                        vs.add(values[g]);
                    }
                    sl[s] = sliceIndex.get(vs);
                }
                String c = clusterField >= 0 ? Values.text(r, clusterField) : null;
                long key = c != null ? PoissonWeights.keyOf(c) : PoissonWeights.keyOfRow(id);
                double base = weightField >= 0 ? Values.number(r, weightField) : 1;
                out.add(new Tuple2<>(score == 0.0 ? 0.0 : score, new Scored(y.equals(positive), key, base, sl)));
            }
            return out.iterator();
        }, false).mapToPair(t -> t);
        int replicates = bootstrap + 1;
        int partitions = Math.max(1, rdd.getNumPartitions());
        int sliceCount = slices.size();
        long seed = spec.seed();
        List<Tuple2<Integer, double[][]>> parts = scored.sortByKey(true, partitions).mapPartitionsWithIndex(
                (Integer p, Iterator<Tuple2<Double, Scored>> it) -> {
                    double[][] acc = partial(it, sliceCount, bootstrap, seed);
                    return List.of(new Tuple2<>(p, acc)).iterator();
                }, false).collect();
        double[] numerator = new double[sliceCount * replicates];
        double[] positives = new double[sliceCount * replicates];
        double[] negatives = new double[sliceCount * replicates];
        List<Tuple2<Integer, double[][]>> ordered = new ArrayList<>(parts);
        ordered.sort((a, b) -> Integer.compare(a._1(), b._1()));
        for (Tuple2<Integer, double[][]> t : ordered) {
            double[] num = t._2()[0];
            double[] pos = t._2()[1];
            double[] neg = t._2()[2];
            for (int o = 0; o < numerator.length; o++) {
                numerator[o] += num[o] + pos[o] * negatives[o];
                positives[o] += pos[o];
                negatives[o] += neg[o];
            }
        }
        AucSums sums = new AucSums(numerator, positives, negatives, sliceCount, replicates);
        return new Result(sums.values(), sums.reasons());
    }

    /** One score range's numerator, positives and negatives per slice and replicate (rows sorted by score). */
    static double[][] partial(Iterator<Tuple2<Double, Scored>> it, int slices, int bootstrap, long seed) {
        int replicates = bootstrap + 1;
        double[] numerator = new double[slices * replicates];
        double[] positives = new double[slices * replicates];
        double[] negatives = new double[slices * replicates];
        double[] blockNegatives = new double[slices * replicates];
        PoissonWeights poisson = new PoissonWeights(seed);
        int[] draws = new int[Math.max(1, bootstrap)];
        List<Scored> block = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        Tuple2<Double, Scored> pending = it.hasNext() ? it.next() : null;
        while (pending != null) {
            double key = pending._1();
            block.clear();
            weights.clear();
            while (pending != null && pending._1() == key) {
                Scored s = pending._2();
                block.add(s);
                double[] w = new double[replicates];
                w[0] = s.base();
                if (bootstrap > 0) {
                    poisson.weights(s.clusterKey(), draws, bootstrap);
                    for (int r = 0; r < bootstrap; r++) {
                        w[r + 1] = s.base() * draws[r];
                    }
                }
                weights.add(w);
                pending = it.hasNext() ? it.next() : null;
            }
            {
                // Negatives of the tie block first, so its positives count them as ½ (as the local rank pass).
                for (int q = 0; q < block.size(); q++) {
                    if (!block.get(q).positive()) {
                        double[] w = weights.get(q);
                        for (int sl : block.get(q).slices()) {
                            int o = sl * replicates;
                            for (int r = 0; r < replicates; r++) {
                                blockNegatives[o + r] += w[r];
                            }
                        }
                    }
                }
                for (int q = 0; q < block.size(); q++) {
                    if (block.get(q).positive()) {
                        double[] w = weights.get(q);
                        for (int sl : block.get(q).slices()) {
                            int o = sl * replicates;
                            for (int r = 0; r < replicates; r++) {
                                numerator[o + r] += w[r] * (negatives[o + r] + 0.5 * blockNegatives[o + r]);
                                positives[o + r] += w[r];
                            }
                        }
                    }
                }
                for (int q = 0; q < block.size(); q++) {
                    if (!block.get(q).positive()) {
                        for (int sl : block.get(q).slices()) {
                            int o = sl * replicates;
                            for (int r = 0; r < replicates; r++) {
                                negatives[o + r] += blockNegatives[o + r];
                                blockNegatives[o + r] = 0;
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {numerator, positives, negatives};
    }
}
