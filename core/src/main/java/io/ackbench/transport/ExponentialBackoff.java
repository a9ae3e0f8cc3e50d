package io.ackbench.transport;

/**
 * Kafka's ExponentialBackoff (kafka-semantics.md §3.1, KIP-580), for the producer's retries (retry.backoff.ms,
 * retry.backoff.max.ms) and for reconnects (reconnect.backoff.ms, reconnect.backoff.max.ms): attempt n waits
 * {@code min(max, initial * 2^min(n, log2(max/initial)) * U(0.8, 1.2))}; if max <= initial, the constant
 * {@code min(initial, max)}. The exponent's cap is not rounded (Kafka's ExponentialBackoff keeps it a double), so
 * late attempts wait around max itself even when max/initial is not a power of two. The jitter comes from a seeded
 * xorshift, so runs repeat and nothing is allocated. Used by one thread.
 */
public final class ExponentialBackoff {
    private static final double JITTER = 0.2;

    private final long initialMs;
    private final long maxMs;
    private final double maxExponent;
    private long seed;

    public ExponentialBackoff(final long initialMs, final long maxMs, final long seed) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.maxExponent = maxMs > initialMs ? Math.log(maxMs / (double) Math.max(initialMs, 1)) / Math.log(2) : 0;
        this.seed = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** @param attempts failures so far, starting at 0 */
    public long backoffMs(final int attempts) {
        if (maxMs <= initialMs) {
            return Math.min(initialMs, maxMs);
        }
        final double term = initialMs * Math.pow(2, Math.min(attempts, maxExponent));
        final double jitter = 1 - JITTER + 2 * JITTER * nextUniform();
        return Math.min(maxMs, (long) (term * jitter));
    }

    private double nextUniform() {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        return (seed >>> 11) * 0x1.0p-53;
    }
}
