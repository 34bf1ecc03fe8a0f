package org.fairhunt.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairhunt.bench.BenchData;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.AuditState;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.ScoreStatistic;
import org.fairhunt.core.table.Table;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-row accumulation on an in-memory table (2 × 4 × 5 groups, all intersections: 90 slices),
 * one thread: the confusion pass without and with 200 Poisson replicates, confusion and score sums with 200
 * replicates, and the AUC pass (score-ordered
 * rows, every slice) without and with 200 replicates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
    @Param({"1000000"})
    public int rows;

    private Table table;

    @Setup
    public void setUp() {
        table = BenchData.classification(rows, 2024);
    }

    private AuditSpec.Builder spec() {
        return AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(3).threads(1);
    }

    @Benchmark
    public AuditState confusionPass() {
        return new LocalEngine().state(table, spec().statistic(new ConfusionStatistic("y", null, "p")).build());
    }

    @Benchmark
    public AuditState confusionPassBootstrap200() {
        return new LocalEngine().state(table,
                spec().statistic(new ConfusionStatistic("y", null, "p")).bootstrap(200, 1).build());
    }

    /** The audit command's statistics with a score: confusion counts and the score sums (count slots packed). */
    @Benchmark
    public AuditState confusionAndScorePassBootstrap200() {
        return new LocalEngine().state(table, spec().statistic(new ConfusionStatistic("y", null, "p"))
                .statistic(new ScoreStatistic("y", null, "s")).bootstrap(200, 1).build());
    }

    @Benchmark
    public AuditRun aucPass() {
        return new LocalEngine().run(table, spec().auc("y", null, "s").build());
    }

    @Benchmark
    public AuditRun aucPassBootstrap200() {
        return new LocalEngine().run(table, spec().auc("y", null, "s").bootstrap(200, 1).build());
    }
}
