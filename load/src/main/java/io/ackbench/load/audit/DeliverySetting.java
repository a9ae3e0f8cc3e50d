package io.ackbench.load.audit;

import java.util.Locale;

/**
 * One delivery setting a user chooses between: the producer's {@code acks} and {@code enable.idempotence}, and the
 * topic's {@code min.insync.replicas}.
 *
 * @param acks "0", "1" or "all"
 */
public record DeliverySetting(String acks, boolean idempotence, int minInsyncReplicas) {
    public DeliverySetting {
        acks = acks.trim().toLowerCase(Locale.ROOT);
        if (acks.equals("-1")) {
            acks = "all";
        }
        if (!acks.equals("0") && !acks.equals("1") && !acks.equals("all")) {
            throw new IllegalArgumentException("acks must be 0, 1 or all, not '" + acks + "'");
        }
    }

    /** Kafka 4.3's resolution when {@code enable.idempotence} is not set: on with acks=all, off otherwise. */
    public static boolean defaultIdempotence(final String acks) {
        return acks.equals("all") || acks.equals("-1");
    }

    public boolean acksAll() {
        return acks.equals("all");
    }

    /**
     * Why Kafka would refuse this setting on a topic of {@code replicationFactor} replicas, or null if it would not:
     * idempotence needs acks=all (KafkaProducer throws a ConfigException), and min.insync.replicas above the
     * replication factor could never acknowledge acks=all (the topic would be created, and every acks=all send
     * would fail with NOT_ENOUGH_REPLICAS).
     */
    public String refusal(final int replicationFactor) {
        if (idempotence && !acksAll()) {
            return "enable.idempotence=true needs acks=all (Kafka's producer refuses it with acks=" + acks + ")";
        }
        if (minInsyncReplicas < 1) {
            return "min.insync.replicas must be at least 1, not " + minInsyncReplicas;
        }
        if (minInsyncReplicas > replicationFactor) {
            return "min.insync.replicas " + minInsyncReplicas + " is above the replication factor "
                + replicationFactor + ": no acks=all send could ever be acknowledged";
        }
        return null;
    }

    /** For tables and file names: {@code acks=all idempotence=on min.insync=2}. */
    public String describe() {
        return "acks=" + acks + " idempotence=" + (idempotence ? "on" : "off") + " min.insync=" + minInsyncReplicas;
    }

    /** For directory names: {@code acks-all_idem-on_isr-2}. */
    public String slug() {
        return "acks-" + acks + "_idem-" + (idempotence ? "on" : "off") + "_isr-" + minInsyncReplicas;
    }
}
