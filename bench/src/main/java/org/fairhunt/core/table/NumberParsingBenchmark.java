package org.fairhunt.core.table;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Number parsing straight from the bytes of a CSV buffer, 4,096 numbers per invocation: the reader's own
 * {@link ByteNumbers} (Clinger's fast path), FastDoubleParser 2 ({@code JavaDoubleParser} on the same bytes)
 * and the JDK ({@code Double.parseDouble} of a decoded String). Lives in {@code core.table} for package
 * access. Kinds: "score" (0.1234, as audit scores), "mixed" (integers, negatives, exponents, 17 digits).
 * {@code setUp} checks that all three give the same doubles, bit for bit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NumberParsingBenchmark {
    private static final int COUNT = 4096;

    @Param({"score", "mixed"})
    public String kind;

    private byte[] buf;
    private final int[] off = new int[COUNT];
    private final int[] len = new int[COUNT];

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            String s;
            if (kind.equals("score")) {
                s = String.format(java.util.Locale.ROOT, "%.4f", rnd.nextInt(10_001) / 10_000.0);
            } else {
                switch (rnd.nextInt(4)) {
                    case 0 -> s = Integer.toString(rnd.nextInt(1_000_000) - 500_000);
                    case 1 -> s = Double.toString(rnd.nextDouble() * 1e6);
                    case 2 -> s = rnd.nextInt(1000) + "e-" + rnd.nextInt(20);
                    default -> s = Double.toString(rnd.nextGaussian());
                }
            }
            off[i] = sb.length();
            len[i] = s.length();
            sb.append(s).append(',');
        }
        buf = sb.toString().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < COUNT; i++) {
            double ours = ByteNumbers.parse(buf, off[i], len[i]);
            double fast = JavaDoubleParser.parseDouble(buf, off[i], len[i]);
            double jdk = Double.parseDouble(new String(buf, off[i], len[i], StandardCharsets.US_ASCII));
            if (Double.doubleToRawLongBits(ours) != Double.doubleToRawLongBits(jdk)
                    || Double.doubleToRawLongBits(fast) != Double.doubleToRawLongBits(jdk)) {
                throw new IllegalStateException("parsers disagree on " + new String(buf, off[i], len[i],
                        StandardCharsets.US_ASCII) + ": ours " + ours + ", fastdoubleparser " + fast + ", JDK " + jdk);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public double byteNumbers() {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += ByteNumbers.parse(buf, off[i], len[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public double fastDoubleParser() {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += JavaDoubleParser.parseDouble(buf, off[i], len[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public double jdkParseDouble() {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += Double.parseDouble(new String(buf, off[i], len[i], StandardCharsets.US_ASCII));
        }
        return sum;
    }
}
