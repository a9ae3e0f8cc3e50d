package io.ackbench.fault;

import io.ackbench.broker.DeliveryRecorder;
import io.ackbench.broker.LogContents;
import io.ackbench.transport.ErrorCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a failover scenario did to the records, counted the same way for every scenario: acknowledged records are
 * those whose send callback succeeded, lost ones are acknowledged but absent from the final leader's log as read
 * after the cluster closed, and duplicated ones appear in that log more than once.
 */
record ScenarioOutcome(int acknowledged, Set<Long> lost, Set<Long> duplicated) {

    static ScenarioOutcome of(final List<DeliveryRecorder.Delivery> deliveries, final List<LogContents.Entry> log) {
        final Map<Long, Integer> copies = new HashMap<>();
        for (final LogContents.Entry entry : log) {
            copies.merge(entry.value(), 1, Integer::sum);
        }
        int acknowledged = 0;
        final Set<Long> lost = new TreeSet<>();
        for (final DeliveryRecorder.Delivery delivery : deliveries) {
            if (delivery.errorCode() == ErrorCode.NONE) {
                acknowledged++;
                if (!copies.containsKey(delivery.record())) {
                    lost.add(delivery.record());
                }
            }
        }
        final Set<Long> duplicated = new TreeSet<>();
        copies.forEach((record, count) -> {
            if (count > 1) {
                duplicated.add(record);
            }
        });
        return new ScenarioOutcome(acknowledged, lost, duplicated);
    }
}
