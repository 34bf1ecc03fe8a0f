package org.fairhunt.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fairhunt.speech.align.Aligner;
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

/** Word alignment (sclite's weights, full trace-back) of 256 seeded utterance pairs of about 20 words, ~10 % errors. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AlignerBenchmark {
    private static final int PAIRS = 256;
    private final Aligner aligner = new Aligner();
    private final List<List<String>> refs = new ArrayList<>();
    private final List<List<String>> hyps = new ArrayList<>();

    {
        SplittableRandom rnd = new SplittableRandom(7);
        String[] vocabulary = new String[500];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "w" + i;
        }
        for (int p = 0; p < PAIRS; p++) {
            List<String> ref = new ArrayList<>();
            List<String> hyp = new ArrayList<>();
            int n = 15 + rnd.nextInt(11);
            for (int i = 0; i < n; i++) {
                String w = vocabulary[rnd.nextInt(vocabulary.length)];
                ref.add(w);
                double u = rnd.nextDouble();
                if (u < 0.05) {
                    hyp.add(vocabulary[rnd.nextInt(vocabulary.length)]);
                } else if (u < 0.08) {
                    continue;
                } else {
                    hyp.add(w);
                    if (u > 0.98) {
                        hyp.add(vocabulary[rnd.nextInt(vocabulary.length)]);
                    }
                }
            }
            refs.add(ref);
            hyps.add(hyp);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void alignPair(Blackhole bh) {
        for (int p = 0; p < PAIRS; p++) {
            bh.consume(aligner.align(refs.get(p), hyps.get(p)));
        }
    }
}
