package org.fairhunt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.testing.Slow;
import org.fairhunt.server.client.BountyClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the server at seeded random moments while teams submit, restart it, and check that every
 * receipt has exactly one decision, the engine holds exactly the decided submissions, versions are
 * contiguous, and replaying the list reproduces the recorded holdout errors. {@code mvn verify} runs
 * 3 kills; the full run is {@code -Dfairhunt.kills=25} (see server/README.md).
 */
@Slow
class KillRestartTest {
    @TempDir
    Path tmp;

    @Test
    void every_receipt_gets_exactly_one_decision_across_kills() throws Exception {
        int kills = Integer.getInteger("fairhunt.kills", 3);
        Fixtures fx = Fixtures.create(tmp.resolve("fx"));
        Path data = tmp.resolve("data");
        long pid;
        List<String> tokens = new ArrayList<>();
        try (Admin admin = new Admin(ServerConfig.builder(data).build(), "test")) {
            pid = admin.createProgram(new Service.ProgramForm("kills", "deny", "zero-one", "0.003", "30", "100000", "0.001", null, null),
                    fx.train, fx.holdout, fx.test, Files.write(tmp.resolve("base.onnx"), fx.baseModel));
            for (String t : List.of("red", "green", "blue")) {
                tokens.add(admin.inviteTeam(pid, t));
            }
        }
        String[] groups = {Fixtures.SOUTHERN_WOMEN, "region == \"north\"", "age > 40.0", "sex == \"m\" && region == \"east\"",
            "income < 30.0", "region == \"south\""};
        byte[][] models = {fx.candidate, fx.everyoneModel};
        Set<Long> receipts = ConcurrentHashMap.newKeySet();
        AtomicReference<String> base = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Random rnd = new Random(20261129L);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            Random own = new Random(t);
            Thread c = new Thread(() -> {
                while (!stop.get()) {
                    String url = base.get();
                    try {
                        if (url != null) {
                            JsonNode r = new BountyClient(url, token).submit(pid, groups[own.nextInt(groups.length)], null,
                                    models[own.nextInt(models.length)], "h.onnx");
                            receipts.add(r.get("id").asLong());
                        }
                        Thread.sleep(20);
                    } catch (UserInputException e) {
                        sleepQuietly(50); // the server is down (killed): try again
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            c.start();
            clients.add(c);
        }
        Process child = null;
        try {
            for (int k = 0; k <= kills; k++) {
                child = startChild(data, tmp.resolve("port-" + k));
                int before = receipts.size();
                base.set("http://127.0.0.1:" + Files.readString(tmp.resolve("port-" + k)).trim());
                // kill only once this child is taking submissions, at a random moment of the stream
                long wait = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (receipts.size() < before + (k == kills ? 10 : 1) && System.nanoTime() < wait) {
                    Thread.sleep(20);
                }
                if (k == kills) {
                    break;
                }
                Thread.sleep(rnd.nextInt(1500));
                base.set(null);
                child.destroyForcibly().waitFor();
            }
            stop.set(true);
            for (Thread c : clients) {
                c.join(30_000);
            }
            // the last child drains the queue
            BountyClient probe = new BountyClient(base.get(), tokens.get(0));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline && !probe.get("/health/ready").path("status").asText().equals("ready")) {
                Thread.sleep(100);
            }
            while (System.nanoTime() < deadline && queueDepth(base.get()) > 0) {
                Thread.sleep(200);
            }
        } finally {
            stop.set(true);
            if (child != null) {
                child.destroyForcibly().waitFor();
            }
        }
        assertTrue(receipts.size() >= 10, "the clients got receipts between kills: " + receipts.size());
        try (Admin admin = new Admin(ServerConfig.builder(data).build(), "test")) {
            checkExactlyOnce(admin, pid, receipts);
            System.out.println("KillRestartTest: " + kills + " kills, " + receipts.size() + " receipts returned to clients; "
                    + admin.checkRecord(pid));
        }
    }

    private static void checkExactlyOnce(Admin admin, long pid, Set<Long> receipts) {
        Set<Long> ids = new HashSet<>();
        admin.store().submissionsOfProgram(pid).forEach(r -> ids.add(r.id()));
        assertTrue(ids.containsAll(receipts), "every receipt is in the queue's record");
        Admin.RecordCheck c = admin.checkRecord(pid);
        assertEquals(0, c.queued(), c.toString());
        assertEquals(c.withEngineRecord(), c.engineRecords(), "the engine holds exactly the submissions it decided: " + c);
        assertEquals(0, c.sharedEngineRecords(), "no engine record serves two receipts: " + c);
        assertTrue(c.versionsContiguous(), c.toString());
        assertTrue(c.replayMatches(), "replay reproduces the recorded holdout errors: " + c);
        assertTrue(c.decided() > 0, c.toString());
    }

    private static int queueDepth(String base) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String m = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (String line : m.split("\n")) {
                if (line.startsWith("fairhunt_queue_depth ")) {
                    return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
                }
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static Process startChild(Path data, Path portFile) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName(), data.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(portFile.resolveSibling(portFile.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the server did not start: " + Files.readString(portFile.resolveSibling(portFile.getFileName() + ".log")));
            }
            Thread.sleep(50);
        }
        return p;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
