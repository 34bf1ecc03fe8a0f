package org.fairhunt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.table.Table;

/**
 * End to end {@code fairhunt bounty submit} (issue 12: ≤ 0.5 s CPU with a 100,000-row holdout): a new
 * JVM per submission, as a user runs it, timed by {@code /usr/bin/time} (user + system CPU seconds of
 * the child, wall time, peak RSS). The peer measured in the same run, alternating with the
 * submissions, is {@code fairhunt --version}: the JVM's and the CLI's fixed start-up cost, the floor
 * under any command.
 *
 * <p>Setup (not timed): a program with 20,000 public rows, a 100,000-row holdout and 20,000 test rows
 * (BountyVerifyBench's data: 4 categorical and 6 numeric features), a boosted base model, and a list
 * grown to at least {@code nodes} nodes by submitting boosted models on random CEL groups.
 *
 * <pre>java -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.BountySubmitBench JAR|LAUNCHER WORKDIR [rows] [nodes] [reps]</pre>
 * (a jar runs as {@code java -jar}; the {@code ./fairhunt} launcher as the user runs it, with its archive and settings).
 */
public final class BountySubmitBench {
    private BountySubmitBench() {
    }

    /** CPU seconds (user + system), wall seconds and peak RSS in MiB of one child run. */
    record Run(double cpu, double wall, double rssMib, String out) {
    }

    static Run time(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %U %S %e %M"));
        full.addAll(command);
        Process p = new ProcessBuilder(full).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String line = err.lines().filter(l -> l.startsWith("TIME ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no timing from: " + err));
        String[] f = line.split(" ");
        if (p.exitValue() != 0) {
            throw new IllegalStateException("command failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + err);
        }
        return new Run(Double.parseDouble(f[1]) + Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]) / 1024,
                out.trim());
    }

    static List<String> concat(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        Path work = Path.of(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int wantNodes = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 11;
        Files.createDirectories(work);
        Path prog = work.resolve("prog-" + rows);
        Table train = BountyVerifyBench.data("train", 20_000, 1);
        Table holdout = BountyVerifyBench.data("holdout", rows, 2);
        Table test = BountyVerifyBench.data("test", 20_000, 3);
        FeatureSchema schema = FeatureSchema.infer("y", Task.CLASSIFICATION, train, holdout, test);
        FeatureData trainData = schema.encode(train, true);
        HunterKit.Options strong = new HunterKit.Options(3, 20, 50, 0.1, 1);
        Random rnd = new Random(11);
        List<String[]> candidates = new ArrayList<>();
        if (!Files.exists(prog)) {
            byte[] base = HunterKit.train(schema, trainData, IntStream.range(0, 5_000).toArray(), Learner.BOOSTED,
                    new HunterKit.Options(3, 20, 50, 0.02, 1)).onnx();
            ProgramSettings settings = ProgramSettings.defaults("y", Loss.ZERO_ONE).withMinGroupSize(100).withBudget(1_000_000);
            try (Program p = Program.create(prog, settings, train, holdout, test, base, "base.onnx")) {
                int tries = 0;
                while (p.nodes().size() < wantNodes && tries++ < 400) {
                    String g = BountyVerifyBench.randomGroup(rnd);
                    int[] r = GroupPredicate.rows(p.compileGroup(GroupSpec.cel(g)).members(trainData));
                    if (r.length < 200) {
                        continue;
                    }
                    p.submit("setup", GroupSpec.cel(g), HunterKit.train(schema, trainData, r, Learner.BOOSTED, strong).onnx(), "h.onnx");
                }
                System.out.printf(Locale.ROOT, "setup: %d nodes after %d submissions%n", p.nodes().size(), p.submissions().size());
            }
        }
        // The timed submissions: boosted models on random groups, written as files like a hunter's.
        while (candidates.size() < reps) {
            String g = BountyVerifyBench.randomGroup(rnd);
            int[] r = GroupPredicate.rows(org.fairhunt.bounty.group.CelGroup.compile(g, schema,
                    org.fairhunt.bounty.group.CelLimits.defaults()).members(trainData));
            if (r.length < 200) {
                continue;
            }
            Path model = work.resolve("h" + candidates.size() + ".onnx");
            Files.write(model, HunterKit.train(schema, trainData, r, Learner.BOOSTED, strong).onnx());
            candidates.add(new String[] {g, model.toString()});
        }
        List<String> fairhunt = BenchData.fairhunt(jar, List.of());
        double[] submitCpu = new double[reps];
        double[] submitWall = new double[reps];
        double[] submitRss = new double[reps];
        double[] versionCpu = new double[reps];
        double[] versionWall = new double[reps];
        for (int i = 0; i < reps; i++) {
            Run v = time(concat(fairhunt, "--version"));
            versionCpu[i] = v.cpu();
            versionWall[i] = v.wall();
            Run s = time(concat(fairhunt, "bounty", "submit", prog.toString(), "--team", "bench" + i, "--group", candidates.get(i)[0],
                    "--model", candidates.get(i)[1]));
            submitCpu[i] = s.cpu();
            submitWall[i] = s.wall();
            submitRss[i] = s.rssMib();
            System.out.printf(Locale.ROOT, "run %2d: submit %.2f s CPU %.2f s wall %.0f MiB | --version %.2f s CPU | %s%n", i, s.cpu(),
                    s.wall(), s.rssMib(), v.cpu(), s.out());
        }
        // The same work in a long-lived process (the web service keeps the program open): process CPU per submission.
        double[] warmCpu = new double[reps];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Program p = Program.open(prog)) {
            p.engine();
            for (int i = 0; i < reps; i++) {
                String[] c = candidates.get((i + 1) % reps);
                byte[] model = Files.readAllBytes(Path.of(c[1]));
                long t0 = os.getProcessCpuTime();
                p.submit("warm" + i, GroupSpec.cel(c[0]), model, c[1]);
                warmCpu[i] = (os.getProcessCpuTime() - t0) / 1e9;
            }
        }
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "%nholdout %d rows; medians of %d alternating runs; load average %s%n", rows, reps, load);
        System.out.printf(Locale.ROOT, "bounty submit : %.2f s CPU, %.2f s wall, %.0f MiB peak RSS%n", median(submitCpu),
                median(submitWall), median(submitRss));
        System.out.printf(Locale.ROOT, "--version     : %.2f s CPU, %.2f s wall (the start-up floor)%n", median(versionCpu),
                median(versionWall));
        System.out.printf(Locale.ROOT, "submit beyond the floor: %.2f s CPU%n", median(submitCpu) - median(versionCpu));
        System.out.printf(Locale.ROOT, "submit in a long-lived process (program kept open): %.3f s CPU (process, all threads)%n",
                median(warmCpu));
    }
}
