/**
 * JMH micro-benchmarks of the hot loops: the engine's accumulation (with and without the Poisson
 * bootstrap, and the AUC pass), the Poisson replicate weights, and the word aligner. Byte-level number
 * parsing is measured by {@code org.fairhunt.core.table.NumberParsingBenchmark} (it needs package
 * access). Build the bench jar ({@code mvn -B -q -DskipTests -Pbench package -pl bench -am}), then run
 * {@code java -jar bench/target/fairhunt-bench.jar}-style:
 * {@code java -cp bench/target/fairhunt-bench.jar org.openjdk.jmh.Main Benchmark -f 1 -wi 3 -i 5}.
 */
package org.fairhunt.bench.jmh;
