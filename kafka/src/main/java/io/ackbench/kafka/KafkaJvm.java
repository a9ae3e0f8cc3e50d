package io.ackbench.kafka;

import io.ackbench.transport.LoopbackPorts;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the JVMs an embedded cluster starts, on the jars of {@link KafkaBrokerLibrary}: a broker
 * with the heap and flags Kafka's own {@code kafka-server-start.sh} and {@code kafka-run-class.sh} (4.3) give it,
 * or with the caller's heap and GC options in place of the script's; a dedicated controller with the script's
 * flags and a small heap; and Kafka's storage tool with the heap that script gives tools. They run on this JVM's
 * Java. A broker also runs the JDK's JMX agent on loopback, as kafka-run-class.sh does when JMX_PORT is set, for
 * its request metrics.
 */
final class KafkaJvm {
    /** In the kafka-broker module; named, not linked, since Kafka's classes stay off this module's class path. */
    static final String LAUNCHER_CLASS = "io.ackbench.kafka.broker.KafkaBrokerLauncher";
    /** {@code bin/kafka-storage.sh}'s main class in Kafka 4.3.1. */
    static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";
    /** A resource of the launcher's jar: everything to standard output, which goes to the broker's log file. */
    static final String LOG4J_CONFIG = "classpath:ackbench-kafka-broker-log4j2.xml";

    /** kafka-server-start.sh's KAFKA_HEAP_OPTS. */
    static final List<String> BROKER_HEAP = List.of("-Xmx1G", "-Xms1G");
    /**
     * A dedicated controller's heap. The controller of one topic holds a few hundred metadata records, so it needs
     * little; its heap is not the comparison's broker setting, which is the brokers' alone.
     */
    static final List<String> CONTROLLER_HEAP = List.of("-Xms256M", "-Xmx256M");
    /** kafka-run-class.sh's KAFKA_HEAP_OPTS, which tools such as kafka-storage.sh get. */
    static final List<String> TOOL_HEAP = List.of("-Xmx256M");
    /**
     * kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS. MaxInlineLevel=15 is the default since JDK 14; Kafka keeps it
     * for older JDKs, and so does this, to run the broker exactly as Kafka's script does.
     */
    static final List<String> PERFORMANCE = List.of("-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
        "-Djava.awt.headless=true");
    /** {@link #PERFORMANCE}'s GC part, which a broker given heap and GC options of its own goes without. */
    static final List<String> PERFORMANCE_GC = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /** {@link #PERFORMANCE} without its GC part, in its order. */
    static final List<String> PERFORMANCE_WITHOUT_GC = List.of("-server", "-XX:MaxInlineLevel=15",
        "-Djava.awt.headless=true");
    /**
     * kafka-run-class.sh's -loggc (which kafka-server-start.sh passes) on JDK 9 and later, FILE appended, with two
     * additions that change nothing the broker does: safepoints are logged too, and each line also carries HotSpot's
     * {@code timenanos} (the clock of {@link System#nanoTime()} in every JVM on the host), so a run can put the
     * broker's pauses on its own timeline.
     */
    static final String GC_LOG_PREFIX = "-Xlog:gc*,safepoint:file=";
    static final String GC_LOG_SUFFIX = ":time,timenanos,tags:filecount=10,filesize=100M";

    private KafkaJvm() {
    }

    /**
     * {@code java <flags> -cp LIB/* KafkaBrokerLauncher PROPERTIES}, with the JDK's JMX agent on {@code jmxPort}
     * ({@link #jmx}).
     *
     * @param heapAndGc empty for the script's heap and G1 settings; else these in their place, after the script's
     *     other performance flags (so one of those given again here wins)
     */
    static List<String> broker(final Path lib, final Path properties, final Path gcLog, final int jmxPort,
                               final List<String> heapAndGc) {
        final List<String> command = heapAndGc.isEmpty() ? java(BROKER_HEAP, PERFORMANCE)
            : java(PERFORMANCE_WITHOUT_GC, heapAndGc);
        command.add(GC_LOG_PREFIX + gcLog.toAbsolutePath() + GC_LOG_SUFFIX);
        command.addAll(jmx(jmxPort));
        command.addAll(launcher(lib, properties));
        return command;
    }

    /** The heap and GC options a broker given {@code heapAndGc} runs with (empty: the script's). */
    static List<String> brokerHeapAndGc(final List<String> heapAndGc) {
        if (!heapAndGc.isEmpty()) {
            return heapAndGc;
        }
        final List<String> script = new ArrayList<>(BROKER_HEAP);
        script.addAll(PERFORMANCE_GC);
        return List.copyOf(script);
    }

    /** A dedicated controller: the script's performance flags, {@link #CONTROLLER_HEAP}, no JMX agent. */
    static List<String> controller(final Path lib, final Path properties, final Path gcLog) {
        final List<String> command = java(CONTROLLER_HEAP, PERFORMANCE);
        command.add(GC_LOG_PREFIX + gcLog.toAbsolutePath() + GC_LOG_SUFFIX);
        command.addAll(launcher(lib, properties));
        return command;
    }

    private static List<String> launcher(final Path lib, final Path properties) {
        return List.of("-cp", classPath(lib), LAUNCHER_CLASS, properties.toAbsolutePath().toString());
    }

    /**
     * The JDK's JMX agent on {@code port} of {@value LoopbackPorts#HOST} only, registry and RMI server on the same
     * port (one port to choose and hold per broker), without authentication or TLS: what kafka-run-class.sh's
     * JMX_PORT gives, bound to loopback. The harness reads the brokers' request metrics through it.
     */
    static List<String> jmx(final int port) {
        return List.of("-Dcom.sun.management.jmxremote", "-Dcom.sun.management.jmxremote.host=" + LoopbackPorts.HOST,
            "-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
            "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
            "-Djava.rmi.server.hostname=" + LoopbackPorts.HOST);
    }

    /**
     * {@code kafka-storage.sh format}: writes meta.properties and the bootstrap metadata into the log directory
     * that {@code properties} names. With a static {@code controller.quorum.voters} no quorum flag is needed.
     */
    static List<String> formatStorage(final Path lib, final Path properties, final String clusterId) {
        final List<String> command = java(TOOL_HEAP, PERFORMANCE);
        command.add("-cp");
        command.add(classPath(lib));
        command.add(STORAGE_TOOL_CLASS);
        command.add("format");
        command.add("--cluster-id");
        command.add(clusterId);
        command.add("--config");
        command.add(properties.toAbsolutePath().toString());
        return command;
    }

    private static List<String> java(final List<String> flags, final List<String> moreFlags) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(moreFlags);
        command.add("-Dlog4j2.configurationFile=" + LOG4J_CONFIG);
        return command;
    }

    /** The java launcher expands {@code DIR/*} to every jar in DIR. */
    private static String classPath(final Path lib) {
        return lib.toAbsolutePath() + File.separator + "*";
    }
}
