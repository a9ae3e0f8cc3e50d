package io.ackbench.load.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What Kafka documents a delivery setting guarantees under a fault, and whether a cell's audit breached it. The
 * promises, in Kafka's own terms:
 * <ul>
 *   <li><b>No acknowledged record is lost</b> with acks=all "as long as at least one in-sync replica remains alive":
 *       with one broker down at a time that holds when {@code min.insync.replicas} is at least 2 (an acknowledged
 *       record is then on two replicas at least), whatever the fault; with 1, the ISR may have shrunk to the
 *       leader alone when it dies, and no promise is left. acks=1 promises nothing once the leader fails before
 *       its followers copied a record, and acks=0 nothing at all. With no fault, every acknowledged record of
 *       acks=1 and acks=all is kept.</li>
 *   <li><b>No duplicates, and each partition in send order</b>, with the idempotent producer: the broker drops a
 *       retried batch it has already appended, and refuses one out of sequence. Without it, a retry may append a
 *       batch twice or after a later one (max.in.flight.requests.per.connection above 1).</li>
 * </ul>
 * An unclean election "may result in data loss", and Kafka promises nothing of a log elected unclean. A cell's records
 * "failed but present" are indeterminate and breach nothing.
 */
public final class Guarantee {
    /** One promise: what it says, and which class of records breaches it. */
    public record Promise(String statement, Breach breach) {
    }

    /** The delivery class whose records breach a promise. */
    public enum Breach {
        LOST, DUPLICATED, REORDERED
    }

    private Guarantee() {
    }

    /** What Kafka documents for {@code setting} under {@code fault} (one broker struck at a time); may be empty. */
    public static List<Promise> documented(final DeliverySetting setting, final AuditFault fault) {
        final List<Promise> promises = new ArrayList<>();
        if (fault == AuditFault.UNCLEAN) {
            return promises; // "may result in data loss", and nothing else is promised of a log elected unclean
        }
        if (fault == AuditFault.NONE && !setting.acks().equals("0")) {
            promises.add(new Promise("no fault: no acknowledged record lost", Breach.LOST));
        } else if (fault == AuditFault.RESPONSE_LOSS && !setting.acks().equals("0")) {
            promises.add(new Promise("no broker fails: no acknowledged record lost", Breach.LOST));
        } else if (setting.acksAll() && setting.minInsyncReplicas() >= 2) {
            promises.add(new Promise("acks=all, min.insync " + setting.minInsyncReplicas()
                + ", one broker down at a time: no acknowledged record lost", Breach.LOST));
        }
        if (setting.idempotence()) {
            promises.add(new Promise("idempotence: no duplicates", Breach.DUPLICATED));
            promises.add(new Promise("idempotence: each partition in send order", Breach.REORDERED));
        }
        return promises;
    }

    /** The promises {@code audit} breached, each with its count; empty when it kept them all. */
    public static List<String> breaches(final List<Promise> promises, final DeliveryAudit audit) {
        final List<String> breached = new ArrayList<>();
        for (final Promise promise : promises) {
            final int count = switch (promise.breach()) {
                case LOST -> audit.lost().size();
                case DUPLICATED -> audit.duplicated().size();
                case REORDERED -> audit.reordered().size();
            };
            if (count > 0) {
                breached.add(promise.statement() + ": breached by " + count + " "
                    + promise.breach().name().toLowerCase(java.util.Locale.ROOT) + " records");
            }
        }
        return breached;
    }
}
