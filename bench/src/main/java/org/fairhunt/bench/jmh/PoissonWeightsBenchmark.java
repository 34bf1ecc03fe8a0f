package org.fairhunt.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.fairhunt.core.engine.PoissonWeights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** 200 Poisson(1) replicate weights for each of 1,024 cluster keys: packed (the engine's form) and one int each. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoissonWeightsBenchmark {
    private static final int KEYS = 1024;
    private static final int REPLICATES = 200;

    private final PoissonWeights poisson = new PoissonWeights(1);
    private final long[] keys = new long[KEYS];
    private final long[] packed = new long[(REPLICATES + 3) / 4];
    private final int[] draws = new int[REPLICATES];

    {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = PoissonWeights.keyOfRow(i);
        }
    }

    /** Per key: 50 hashes, four 16-bit weights packed per long. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void packed200(Blackhole bh) {
        for (long k : keys) {
            poisson.packedWeights(k, packed, REPLICATES);
            bh.consume(packed[0]);
        }
    }

    /** Per key: the same 200 weights, one int each. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void ints200(Blackhole bh) {
        for (long k : keys) {
            poisson.weights(k, draws, REPLICATES);
            bh.consume(draws[0]);
        }
    }
}
