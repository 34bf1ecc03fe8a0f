package org.fairhunt.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairhunt.server.Admin;
import org.fairhunt.server.BountyServer;
import org.fairhunt.server.Fixtures;
import org.fairhunt.server.ServerConfig;

/**
 * A bounded load generator on loopback for the bias bounty service: {@code teams} concurrent teams
 * browse (the public program page, leaderboard, heatmap, their own submissions) and submit pairs for
 * {@code seconds}; then the queue drains and the record is checked: every receipt has exactly one
 * decision, the engine holds exactly the decided submissions, versions are contiguous and the list
 * replays to the recorded holdout errors. Prints p50/p99 of reads and of submission receipts and the
 * verification throughput, with the machine's load average.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -Pbench package -pl bench -am}, then
 * {@code java -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.ServiceLoadBench 50 60 [JDBC_URL]}.
 * Server and clients share the machine (one JVM, real HTTP over 127.0.0.1); rate limits are raised for
 * the run, budgets are large, and each team waits 0–400 ms between reads and about 10 s between
 * submissions.
 */
public final class ServiceLoadBench {
    private ServiceLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int teams = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String jdbc = args.length > 2 ? args[2] : null;
        Path tmp = Files.createTempDirectory("fairhunt-load");
        Fixtures fx = Fixtures.create(tmp.resolve("fx"));
        ServerConfig.Builder cb = ServerConfig.builder(tmp.resolve("data")).submissionsPerMinute(1_000_000).requestsPerSecond(1_000_000);
        if (jdbc != null) {
            cb.database(jdbc, null, null);
        }
        ServerConfig config = cb.build();
        long pid;
        List<String> tokens = new ArrayList<>();
        try (Admin admin = new Admin(config, "bench")) {
            pid = admin.createProgram(new org.fairhunt.server.Service.ProgramForm("load-" + UUID.randomUUID().toString().substring(0, 8), "deny",
                    "zero-one", "0.003", "30", "1000000", "0.001", null, null), fx.train, fx.holdout, fx.test,
                    Files.write(tmp.resolve("base.onnx"), fx.baseModel));
            for (int t = 0; t < teams; t++) {
                tokens.add(admin.inviteTeam(pid, "team" + t));
            }
        }
        // distinct groups: the engine refuses, without a verdict, a group nearly equal on the holdout to one already tried
        String[] sexes = {"f", "m"};
        String[] regions = {"north", "south", "east"};
        byte[][] models = {fx.candidate, fx.everyoneModel};
        ConcurrentLinkedQueue<Double> reads = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> receipts = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger submitted = new AtomicInteger();
        try (BountyServer server = BountyServer.create(config).start("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            double load0 = loadAverage();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < teams; t++) {
                String token = tokens.get(t);
                Random rnd = new Random(t);
                Thread th = new Thread(() -> {
                    long nextSubmit = System.nanoTime() + (long) (rnd.nextDouble() * 10e9);
                    String[] paths = {"/programs/" + pid, "/api/programs/" + pid + "/leaderboard", "/api/programs/" + pid + "/heatmap",
                        "/api/programs/" + pid + "/submissions"};
                    while (System.nanoTime() < end) {
                        try {
                            if (System.nanoTime() >= nextSubmit) {
                                int lo = 18 + rnd.nextInt(45);
                                String group = rnd.nextInt(10) == 0 ? Fixtures.SOUTHERN_WOMEN : String.format(Locale.ROOT,
                                        "age >= %d.0 && age < %d.0 && sex == \"%s\" && region != \"%s\"", lo, lo + 5 + rnd.nextInt(25),
                                        sexes[rnd.nextInt(2)], regions[rnd.nextInt(3)]);
                                byte[][] body = multipart(group, models[rnd.nextInt(models.length)]);
                                long t0 = System.nanoTime();
                                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/programs/" + pid
                                        + "/submissions")).header("Authorization", "Bearer " + token)
                                        .header("Content-Type", new String(body[0], StandardCharsets.UTF_8))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body[1])).build(), HttpResponse.BodyHandlers.ofString());
                                receipts.add((System.nanoTime() - t0) / 1e6);
                                if (r.statusCode() == 202) {
                                    submitted.incrementAndGet();
                                } else {
                                    errors.incrementAndGet();
                                }
                                nextSubmit = System.nanoTime() + (long) ((5 + rnd.nextDouble() * 10) * 1e9);
                            } else {
                                String path = paths[rnd.nextInt(paths.length)];
                                long t0 = System.nanoTime();
                                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
                                reads.add((System.nanoTime() - t0) / 1e6);
                                if (r.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                            }
                            Thread.sleep(rnd.nextInt(400));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            double load1 = loadAverage();
            long drainStart = System.nanoTime();
            long deadline = drainStart + Duration.ofMinutes(10).toNanos();
            int depth;
            while ((depth = server.service().store().queueDepth()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            int decided = server.service().store().submissionsOfProgram(pid).size() - depth;
            double[] ms = server.service().store().submissionsOfProgram(pid).stream().filter(s -> s.verifyMs() != null)
                    .mapToDouble(s -> s.verifyMs()).sorted().toArray();
            System.out.printf(Locale.ROOT, "ServiceLoadBench: %d teams, %d s, %s, %d CPUs, load average %.1f before / %.1f after%n", teams,
                    seconds, jdbc == null ? "SQLite" : "PostgreSQL", Runtime.getRuntime().availableProcessors(), load0, load1);
            System.out.printf(Locale.ROOT, "  reads:    %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", reads.size(), pct(reads, 50), pct(reads, 99),
                    pct(reads, 100));
            System.out.printf(Locale.ROOT, "  receipts: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", receipts.size(), pct(receipts, 50),
                    pct(receipts, 99), pct(receipts, 100));
            System.out.printf(Locale.ROOT, "  errors (non-2xx or failed requests): %d%n", errors.get());
            System.out.printf(Locale.ROOT, "  verification: %d decided, median %.0f ms each, %.2f decisions/s over load + drain (drain %.1f s, "
                    + "%d left queued)%n", decided, ms.length == 0 ? Double.NaN : ms[ms.length / 2], decided / (seconds + drainSeconds),
                    drainSeconds, depth);
        }
        try (Admin admin = new Admin(config, "bench")) {
            Admin.RecordCheck c = admin.checkRecord(pid);
            System.out.printf(Locale.ROOT, "  record: %d receipts, %d decided, %d refused, %d queued; %d with an engine record, %d engine "
                    + "records, %d shared; %d versions, contiguous %s, replay matches %s -> %s%n", c.submissions(), c.decided(), c.refused(),
                    c.queued(), c.withEngineRecord(), c.engineRecords(), c.sharedEngineRecords(), c.versions(), c.versionsContiguous(), c.replayMatches(),
                    c.ok() ? "every submission has exactly one decision" : "PROBLEM");
            if (c.submissions() != submitted.get()) {
                System.out.printf(Locale.ROOT, "  note: %d receipts returned, %d submissions recorded%n", submitted.get(), c.submissions());
            }
        }
    }

    private static byte[][] multipart(String group, byte[] model) {
        String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"group\"\r\n\r\n" + group + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"model\"; filename=\"h.onnx\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(model);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new byte[][] {("multipart/form-data; boundary=" + boundary).getBytes(StandardCharsets.UTF_8), out.toByteArray()};
    }

    private static double pct(ConcurrentLinkedQueue<Double> q, double p) {
        double[] v = q.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
