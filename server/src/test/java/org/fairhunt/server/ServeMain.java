package org.fairhunt.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Child process of {@link KillRestartTest}: serves {@code args[0]} (SQLite) on a port the OS picks,
 * writes the port to {@code args[1]}, and runs until killed.
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws Exception {
        BountyServer s = BountyServer.create(ServerConfig.builder(Path.of(args[0])).submissionsPerMinute(1_000_000)
                .requestsPerSecond(1_000_000).build()).start("127.0.0.1", 0);
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(s.port()));
        Files.move(tmp, Path.of(args[1]), StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
