package org.fairhunt.server.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a credential, or a client address): {@code rate} tokens per second refill up to
 * {@code burst}. In memory: limits protect this process; budgets, which must survive restarts, are in
 * the database.
 */
public final class RateLimiter {
    private final double rate;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, double burst, Clock clock) {
        this.rate = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one token for {@code key}; throws 429 with Retry-After when none is left. */
    public void acquire(String key, String what) {
        long now = clock.millis();
        double[] wait = new double[1];
        buckets.compute(key, (k, b) -> {
            if (b == null) {
                b = new double[] {burst, now};
            }
            b[0] = Math.min(burst, b[0] + (now - b[1]) / 1000.0 * rate);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                wait[0] = 0;
            } else {
                wait[0] = (1 - b[0]) / rate;
            }
            return b;
        });
        if (wait[0] > 0) {
            throw Problem.tooMany("rate limit: at most " + describe() + " " + what + "; try again in " + (long) Math.ceil(wait[0])
                    + " s", (long) Math.ceil(wait[0]));
        }
    }

    private String describe() {
        return rate >= 1 ? String.format(java.util.Locale.ROOT, "%.0f per second", rate)
                : String.format(java.util.Locale.ROOT, "%.0f per minute", rate * 60);
    }
}
