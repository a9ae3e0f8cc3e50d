package io.ackbench.load.audit;

import java.util.List;

/**
 * A run's records by delivery class (each list holds record ids in increasing order). The classes:
 * <ul>
 *   <li><b>lost</b>: acknowledged, never read back: a breach of whatever guarantee the setting claims;</li>
 *   <li><b>duplicated</b>: read back more than once, whatever the producer was told (a retry of a stored batch that
 *       was appended again);</li>
 *   <li><b>reordered</b>: read back, on its partition, after a record its producing thread sent later (first copies
 *       only, so a duplicate is not also counted as reordered);</li>
 *   <li><b>failed but present</b>: reported failed (or never answered), yet read back: indeterminate, counted
 *       apart;</li>
 *   <li><b>unacknowledged and absent</b>: failed or unanswered, and not read back: what the producer was told.</li>
 * </ul>
 *
 * @param acknowledged how many records the producers were told were delivered
 * @param read         how many records were read back, copies included
 */
public record DeliveryAudit(long acknowledged, long read, List<Long> lost, List<Long> duplicated,
                            List<Long> reordered, List<Long> failedButPresent, List<Long> unacknowledgedAbsent) {
    /** Per million acknowledged records; 0 when none was. */
    public static double perMillion(final long count, final long acknowledged) {
        return acknowledged == 0 ? 0 : count * 1_000_000.0 / acknowledged;
    }
}
