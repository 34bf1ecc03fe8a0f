package org.fairhunt.cli.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fairhunt.cli.options.ServiceOptions;
import org.fairhunt.server.BountyServer;
import org.fairhunt.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairhunt serve}: the bias bounty web service. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the bias bounty as a web service: REST API, pages, one verification worker.", "",
            "With --data-dir the service keeps everything in DIR (embedded SQLite in WAL mode, nothing to install). "
                + "With --db it keeps everything in PostgreSQL: its own tables, and the engine's records in the schema <schema>_engine. "
                + "On the first start an organizer token is printed once."},
        footer = {"", "Examples:",
            "  fairhunt serve --data-dir bounty-data/ --port 8080",
            "  fairhunt serve --db 'jdbc:postgresql://localhost/fairhunt?user=fh&password=…' --port 8080"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions service;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 lets the OS choose. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (0.0.0.0 for all; put TLS in front). Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--import-dir", paramLabel = "DIR", description = "Organizers may name server-side files inside DIR only.")
    Path importDir;

    @Option(names = "--max-upload-mb", defaultValue = "256", description = "Largest program-creation request, MiB. Default: ${DEFAULT-VALUE}.")
    long maxUploadMb;

    @Option(names = "--submissions-per-minute", defaultValue = "6", description = "Per team. Default: ${DEFAULT-VALUE}.")
    int submissionsPerMinute;

    @Option(names = "--requests-per-second", defaultValue = "50", description = "Per token or client address. Default: ${DEFAULT-VALUE}.")
    double requestsPerSecond;

    @Option(names = "--token-days", paramLabel = "DAYS", description = "Issued tokens expire after DAYS (default: when rotated).")
    Integer tokenDays;

    @Option(names = "--secure-cookies", description = "Mark session cookies Secure (serve behind HTTPS).")
    boolean secureCookies;

    @Option(names = "--no-worker", description = "Do not verify submissions in this process (another one does).")
    boolean noWorker;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig.Builder b = service.builder().importDir(importDir).maxUploadBytes(maxUploadMb << 20)
                .submissionsPerMinute(submissionsPerMinute).requestsPerSecond(requestsPerSecond).secureCookies(secureCookies)
                .runWorker(!noWorker);
        if (tokenDays != null) {
            b.tokenTtl(Duration.ofDays(tokenDays));
        }
        BountyServer server = BountyServer.create(b.build());
        server.bootstrapOrganizer("admin").ifPresent(token -> spec.commandLine().getOut().println(
                "First start: organizer 'admin' created. Its token (shown once, keep it secret):\n  " + token));
        server.start(host, port);
        spec.commandLine().getOut().printf("Fairhunt bounty service on http://%s:%d/ (API: /openapi.json, metrics: /metrics)%n", host,
                server.port());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fairhunt-shutdown"));
        stopped.await();
        return 0;
    }
}
