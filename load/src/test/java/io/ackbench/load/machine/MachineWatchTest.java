package io.ackbench.load.machine;

import io.ackbench.load.Workload;
import io.ackbench.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A watch over a run with one producer and a "broker" whose log the test writes, on this host's /proc and this JVM:
 * the header, a window a broker GC pause explains, this JVM's own pause on the same clock, the files and the summary.
 */
class MachineWatchTest {
    private static final long MS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void theWorstWindowIsPinnedOnTheBrokersPauseAndTheFilesAreWritten() throws IOException {
        final Path brokerLog = dir.resolve("broker-1.log");
        final ClusterProcesses cluster = new ClusterProcesses(dir, List.of(new ClusterJvm("broker-1",
            List.of("java", "-Xmx512m", "-cp", "x.jar", "Main"), brokerLog)));
        final Workload workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1)
            .partitions(1).duration(1, TimeUnit.SECONDS).build();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "{\n  \"target\": \"test\"\n}\n");

        try (MachineWatch watch = MachineWatch.start(dir, cluster, workload,
            new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            final long origin = System.nanoTime();
            watch.measureFrom(origin);
            final long beforeGc = System.nanoTime();
            System.gc();
            final long afterGc = System.nanoTime();
            Files.writeString(brokerLog, "[" + (origin + 303 * MS) + "ns][gc] GC(4) Pause Young (Normal) "
                + "(G1 Evacuation Pause) 100M->20M(512M) 41.000ms\n");
            watch.windows(0).record(origin + 10 * MS, 2 * MS);
            watch.windows(0).record(origin + 350 * MS, 48 * MS);

            watch.report(summary);

            final String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).startsWith("Host: ").contains("  JVM broker-1: -Xmx512m" + System.lineSeparator())
                .contains("  1. 0.3-0.4 s: max 48.000 ms over 1 records: GC pause in broker-1 (41 ms)")
                .contains("     pauses: broker-1 GC \"Pause Young (Normal) (G1 Evacuation Pause)\" 41.0 ms at 0.262 s;")
                .contains("  2. 0.0-0.1 s: max 2.000 ms over 1 records: ");
            final List<String> pauses = Files.readAllLines(dir.resolve(MachineWatch.PAUSES_TSV));
            assertThat(pauses.get(0)).isEqualTo("process\tstart_ms\tduration_ms\tkind\twhat");
            assertThat(pauses).contains("broker-1\t262.000\t41.000\tGC\tPause Young (Normal) (G1 Evacuation Pause)");
            final List<JvmPause> own = JvmLogParser.read(new ClusterJvm("load", List.of(),
                dir.resolve(MachineWatch.LOAD_JVM_LOG)));
            assertThat(own).filteredOn(p -> p.what().contains("System.gc()")).singleElement().satisfies(p -> {
                assertThat(p.startNanos()).isBetween(beforeGc, afterGc);
                assertThat(p.endNanos()).isBetween(beforeGc, afterGc);
            });
            assertThat(Files.readAllLines(dir.resolve(MachineWatch.MACHINE_TSV)).get(0))
                .isEqualTo(MachineSample.TSV_HEADER);
            assertThat(Files.readString(dir.resolve(MachineWatch.WORST_WINDOWS_MD)))
                .contains("| 1 | 0.3-0.4 | 48.000 | 1 | GC pause in broker-1 (41 ms)");
            assertThat(Files.readString(summary)).startsWith("{\n  \"target\": \"test\",\n  \"host\": {\n    \"cpus\": ")
                .contains("\"jvmFlags\": {\n      \"load\": [")
                .contains("\n      \"broker-1\": [\"-Xmx512m\"]}\n  },\n  \"worstWindows\": [\n    {\"startMs\": 300.0,")
                .endsWith("]\n}\n");
        }
    }

    /**
     * With the thread sampler on: the sampling thread itself ran between the first two walks, so it is in
     * {@code threads.tsv} as a thread of {@code load}; each window gets its threads line, and the cost is printed.
     */
    @Test
    void theThreadSamplerWritesThreadsTsvAndAThreadsLinePerWindow() throws IOException {
        assumeTrue(MachineSampler.available(Path.of("/proc")), "a Linux /proc");
        final Workload workload = Workload.builder().brokers(1).replicationFactor(1).minInsyncReplicas(1)
            .partitions(1).duration(1, TimeUnit.SECONDS).build();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (MachineWatch watch = MachineWatch.start(dir, ClusterProcesses.UNKNOWN, workload,
            new PrintStream(printed, true, StandardCharsets.UTF_8), true)) {
            watch.measureFrom(System.nanoTime());
            Await.until("two samples", () -> watch.samplesTaken() >= 2);
            watch.windows(0).record(System.nanoTime(), 2 * MS);

            watch.report(dir.resolve("summary.json"));
        }

        final String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains(System.lineSeparator() + "     threads: ")
            .contains("  (" + MachineWatch.THREADS_TSV + ": ");
        final List<String> threads = Files.readAllLines(dir.resolve(MachineWatch.THREADS_TSV));
        assertThat(threads.get(0)).isEqualTo(ThreadSamples.TSV_HEADER);
        assertThat(threads).anySatisfy(line -> assertThat(line).contains("\tjava\tackbench-machin\t")
            .endsWith("\tload"));
        assertThat(Files.readString(dir.resolve(MachineWatch.WORST_WINDOWS_JSON))).contains("\"threads\": {");
    }
}
