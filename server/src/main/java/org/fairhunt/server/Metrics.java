package org.fairhunt.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The service's Prometheus metrics, in a registry of its own (several servers may run in one JVM, as
 * in the tests): HTTP latency by route, queue depth, verification latency, decisions by verdict.
 */
public final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    final Histogram http;
    final Histogram verification;
    final Counter decisions;
    final Counter received;

    Metrics(DoubleSupplier queueDepth) {
        http = Histogram.builder().name("fairhunt_http_request_duration_seconds").help("HTTP request latency")
                .labelNames("method", "route", "status").register(registry);
        verification = Histogram.builder().name("fairhunt_verification_duration_seconds")
                .help("Time to verify one submission on the holdout, from dequeue to recorded decision").register(registry);
        decisions = Counter.builder().name("fairhunt_decisions_total").help("Verified submissions by verdict")
                .labelNames("verdict").register(registry);
        received = Counter.builder().name("fairhunt_submissions_received_total").help("Submissions queued (receipts issued)")
                .register(registry);
        GaugeWithCallback.builder().name("fairhunt_queue_depth").help("Submissions waiting for verification")
                .callback(cb -> cb.call(queueDepth.getAsDouble())).register(registry);
    }

    /** The text exposition format (version 0.0.4). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
}
