package io.ackbench.kafka;

import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker's Produce request times, read over JMX from the beans Kafka's {@code RequestMetrics} registers:
 * {@code kafka.network:type=RequestMetrics,name=NAME,request=Produce}. Only the leader of a partition serves its
 * Produce requests (followers replicate with Fetch), so these are leader-side figures.
 */
final class ProduceRequestMetrics {
    /** Time in the request queue, from the network thread's read to a request handler's pick-up. */
    static final String REQUEST_QUEUE = "RequestQueueTimeMs";
    /** Time the request handler works on it: validation and the append to the leader's log. */
    static final String LOCAL = "LocalTimeMs";
    /** Time parked in purgatory waiting for the followers (acks=all); about zero otherwise. */
    static final String REMOTE = "RemoteTimeMs";
    /** Time the finished response waits for its network thread. */
    static final String RESPONSE_QUEUE = "ResponseQueueTimeMs";
    /** Time the network thread takes to write the response to the socket. */
    static final String RESPONSE_SEND = "ResponseSendTimeMs";
    /** The request's whole time in the broker, from receipt to response sent. */
    static final String TOTAL = "TotalTimeMs";
    /** In the order a request passes them, the total last. */
    static final List<String> NAMES = List.of(REQUEST_QUEUE, LOCAL, REMOTE, RESPONSE_QUEUE, RESPONSE_SEND, TOTAL);

    /** The Yammer histogram bean's attributes (its JmxReporter names them so). */
    static final String[] ATTRIBUTES = {"50thPercentile", "99thPercentile", "999thPercentile", "Max", "Count"};

    private ProduceRequestMetrics() {
    }

    static ObjectName objectName(final String name) {
        try {
            return new ObjectName("kafka.network:type=RequestMetrics,name=" + name + ",request=Produce");
        } catch (final MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a metric name: " + name, e);
        }
    }

    /**
     * Every histogram of {@link #NAMES}, by name, in that order; {@link RequestHistogram#NONE} for one the broker has
     * not registered yet.
     *
     * @throws IOException when the connection fails
     * @throws IllegalStateException when a bean lacks an attribute or holds a non-number
     */
    static Map<String, RequestHistogram> read(final MBeanServerConnection server) throws IOException {
        final Map<String, RequestHistogram> histograms = new LinkedHashMap<>();
        for (final String name : NAMES) {
            histograms.put(name, histogram(server, objectName(name)));
        }
        return histograms;
    }

    private static RequestHistogram histogram(final MBeanServerConnection server, final ObjectName bean)
        throws IOException {
        final AttributeList values;
        try {
            values = server.getAttributes(bean, ATTRIBUTES);
        } catch (final InstanceNotFoundException e) {
            return RequestHistogram.NONE;
        } catch (final JMException e) {
            throw new IllegalStateException("Cannot read " + bean + ": " + e.getMessage(), e);
        }
        final Map<String, Object> byName = new LinkedHashMap<>();
        values.asList().forEach(attribute -> byName.put(attribute.getName(), attribute.getValue()));
        return new RequestHistogram(number(byName, bean, ATTRIBUTES[0]), number(byName, bean, ATTRIBUTES[1]),
            number(byName, bean, ATTRIBUTES[2]), number(byName, bean, ATTRIBUTES[3]),
            (long) number(byName, bean, ATTRIBUTES[4]));
    }

    private static double number(final Map<String, Object> values, final ObjectName bean, final String attribute) {
        if (!(values.get(attribute) instanceof Number number)) {
            throw new IllegalStateException(bean + " has no number " + attribute + " (got " + values.get(attribute)
                + ")");
        }
        return number.doubleValue();
    }
}
