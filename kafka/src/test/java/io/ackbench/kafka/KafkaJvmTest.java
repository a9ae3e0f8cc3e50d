package io.ackbench.kafka;

import io.ackbench.load.BrokerJvmOptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The java command lines of an embedded cluster's JVMs. */
class KafkaJvmTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path LIB = Path.of("/lib");
    private static final String CLASS_PATH = "/lib" + File.separator + "*";
    private static final List<String> JMX = List.of("-Dcom.sun.management.jmxremote",
        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Dcom.sun.management.jmxremote.port=9500",
        "-Dcom.sun.management.jmxremote.rmi.port=9500", "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false", "-Djava.rmi.server.hostname=127.0.0.1");

    @Test
    void aBrokerWithoutOptionsRunsAsKafkasStartScriptRunsIt() {
        assertThat(KafkaJvm.broker(LIB, Path.of("/d/broker-0.properties"), Path.of("/d/broker-0-gc.log"), 9500,
            List.of())).containsExactlyElementsOf(concat(List.of(JAVA, "-Xmx1G", "-Xms1G", "-server",
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=classpath:ackbench-kafka-broker-log4j2.xml",
                "-Xlog:gc*,safepoint:file=/d/broker-0-gc.log:time,timenanos,tags:filecount=10,filesize=100M"), JMX,
            List.of("-cp", CLASS_PATH, "io.ackbench.kafka.broker.KafkaBrokerLauncher", "/d/broker-0.properties")));
    }

    @Test
    void givenOptionsReplaceTheScriptsHeapAndGcAndKeepItsOtherFlags() {
        assertThat(KafkaJvm.broker(LIB, Path.of("/d/broker-2.properties"), Path.of("/d/broker-2-gc.log"), 9500,
            List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC")))
            .containsExactlyElementsOf(concat(List.of(JAVA, "-server", "-XX:MaxInlineLevel=15",
                    "-Djava.awt.headless=true", "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC",
                    "-Dlog4j2.configurationFile=classpath:ackbench-kafka-broker-log4j2.xml",
                    "-Xlog:gc*,safepoint:file=/d/broker-2-gc.log:time,timenanos,tags:filecount=10,filesize=100M"),
                JMX, List.of("-cp", CLASS_PATH, "io.ackbench.kafka.broker.KafkaBrokerLauncher",
                    "/d/broker-2.properties")));
    }

    @Test
    void theComparisonsDefaultIsWhatKafkasScriptGivesABroker() {
        final List<String> script = KafkaJvm.broker(LIB, Path.of("/p"), Path.of("/g"), 1, List.of());
        final List<String> comparison = KafkaJvm.broker(LIB, Path.of("/p"), Path.of("/g"), 1,
            BrokerJvmOptions.COMPARISON_DEFAULT);

        assertThat(comparison).containsExactlyInAnyOrderElementsOf(script);
        assertThat(KafkaJvm.brokerHeapAndGc(List.of())).containsExactly("-Xmx1G", "-Xms1G", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
        assertThat(KafkaJvm.brokerHeapAndGc(List.of("-Xmx2g"))).containsExactly("-Xmx2g");
    }

    @Test
    void aDedicatedControllerHasTheScriptsFlagsOnASmallHeapAndNoJmx() {
        assertThat(KafkaJvm.controller(LIB, Path.of("/d/controller.properties"), Path.of("/d/controller-gc.log")))
            .containsExactly(JAVA, "-Xms256M", "-Xmx256M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=classpath:ackbench-kafka-broker-log4j2.xml",
                "-Xlog:gc*,safepoint:file=/d/controller-gc.log:time,timenanos,tags:filecount=10,filesize=100M",
                "-cp", CLASS_PATH, "io.ackbench.kafka.broker.KafkaBrokerLauncher", "/d/controller.properties");
    }

    @SafeVarargs
    private static List<String> concat(final List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
