package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-fed windows, pauses and samples, times in milliseconds from a measurement start at 10 s. */
class WorstWindowsTest {
    private static final long ORIGIN = 10_000_000_000L;
    private static final long WIDTH = WorstWindows.DEFAULT_WIDTH_NANOS;
    private static final long MS = 1_000_000;
    private static final int CPUS = 2;

    /** Four windows with records: quiet (0), a broker GC (3), steal (5), write-back and a long run queue (8). */
    private static final long[] MAX = {2 * MS, 0, 0, 48 * MS, 0, 30 * MS, 0, 0, 12 * MS, 0};
    private static final long[] COUNT = {100, 0, 0, 4981, 0, 2000, 0, 0, 1500, 0};

    private static final List<JvmPause> PAUSES = List.of(
        new JvmPause("broker-2", at(261.9), 41_300_000, JvmPause.Kind.SAFEPOINT, "G1CollectForAllocation"),
        new JvmPause("broker-2", at(262), 41 * MS, JvmPause.Kind.GC, "Pause Young (Normal) (G1 Evacuation Pause)"),
        new JvmPause("load", at(350), 200_000, JvmPause.Kind.SAFEPOINT, "Cleanup"),
        new JvmPause("load", at(820), 2 * MS, JvmPause.Kind.SAFEPOINT, "ICBufferFull"));

    private static final List<MachineSample> SAMPLES = List.of(
        sample(50, 1, 2, 0, 1024, 0),
        sample(350, 2, 3, 0, 1024, 0),
        sample(550, 35.4, 3, 0, 1024, 0),
        sample(850, 0, 6, 1, 180 * 1024, 20 * 1024));

    private static long at(final double millis) {
        return ORIGIN + Math.round(millis * MS);
    }

    private static MachineSample sample(final long endMillis, final double steal, final int running,
                                        final int blocked, final long dirtyKib, final long writebackKib) {
        return new MachineSample(at(endMillis), 100 * MS, 50, 10, 0, steal, running, blocked, 1.0, dirtyKib,
            writebackKib, 0, 0, 5, 0, 0);
    }

    @Test
    void eachWorstWindowNamesWhatOverlappedItsRecordsLifetimes() {
        final List<WorstWindow> worst = WorstWindows.find(MAX, COUNT, ORIGIN, WIDTH, 5, SAMPLES, PAUSES, CPUS, null);

        assertThat(WorstWindows.report(worst, ORIGIN, WIDTH)).isEqualTo(String.join(System.lineSeparator(),
            "Worst windows (100 ms by completion time; pauses and samples from each window's start less its worst "
                + "latency to its end):",
            "  1. 0.3-0.4 s: max 48.000 ms over 4981 records: GC pause in broker-2 (41 ms)",
            "     pauses: broker-2 GC \"Pause Young (Normal) (G1 Evacuation Pause)\" 41.0 ms at 0.262 s; machine: "
                + "steal 2%, iowait 0%, running 3, blocked 0, Dirty 1 MB, Writeback 0 MB, stalled on CPU 5% / I/O 0% / memory 0%",
            "  2. 0.5-0.6 s: max 30.000 ms over 2000 records: CPU steal 35%",
            "     pauses: none; machine: steal 35%, iowait 0%, running 3, blocked 0, Dirty 1 MB, Writeback 0 MB, "
                + "stalled on CPU 5% / I/O 0% / memory 0%",
            "  3. 0.8-0.9 s: max 12.000 ms over 1500 records: write-back: 180 MB dirty, 20 MB under write-back "
                + "(also run queue 6 on 2 CPUs)",
            "     pauses: load safepoint \"ICBufferFull\" 2.0 ms at 0.820 s; machine: steal 0%, iowait 0%, running 6, "
                + "blocked 1, Dirty 180 MB, Writeback 20 MB, stalled on CPU 5% / I/O 0% / memory 0%",
            "  4. 0.0-0.1 s: max 2.000 ms over 100 records: no machine cause seen",
            "     pauses: none; machine: steal 1%, iowait 0%, running 2, blocked 0, Dirty 1 MB, Writeback 0 MB, "
                + "stalled on CPU 5% / I/O 0% / memory 0%"));
    }

    @Test
    void onlyTheTopWindowsAreKeptWorstFirstEarlierOnTies() {
        final long[] max = {5 * MS, 7 * MS, 7 * MS, 1 * MS};
        final long[] count = {1, 1, 1, 1};

        final List<WorstWindow> worst = WorstWindows.find(max, count, ORIGIN, WIDTH, 2, List.of(), List.of(), CPUS, null);

        assertThat(worst).extracting(WorstWindow::startNanos).containsExactly(ORIGIN + WIDTH, ORIGIN + 2 * WIDTH);
    }

    @Test
    void aPauseUnderAQuarterOfTheWorstLatencyIsListedButNotTheCause() {
        final WindowEvidence quiet = new WindowEvidence(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        final JvmPause pause = new JvmPause("broker-0", ORIGIN, 2 * MS, JvmPause.Kind.GC, "Pause Remark");

        assertThat(WorstWindows.verdict(12 * MS, List.of(pause), quiet, CPUS)).isEqualTo("no machine cause seen");
        assertThat(WorstWindows.verdict(8 * MS, List.of(pause), quiet, CPUS)).isEqualTo(
            "GC pause in broker-0 (2.0 ms)");
    }

    @Test
    void iowaitAndDirectReclaimAreCausesToo() {
        final WindowEvidence evidence = new WindowEvidence(2, 0, 40, 2, 3, 4096, 0, 7, 0, 0, 0, 0);

        assertThat(WorstWindows.verdict(10 * MS, List.of(), evidence, CPUS)).isEqualTo(
            "direct reclaim: 7 stalls (also iowait 40%)");
    }

    @Test
    void tasksStalledOnIoOrMemoryForATenthOfASampleAreCauses() {
        final WindowEvidence stalled = new WindowEvidence(1, 0, 0, 2, 0, 0, 0, 0, 0, 60, 35, 10);

        assertThat(WorstWindows.verdict(10 * MS, List.of(), stalled, CPUS)).isEqualTo(
            "I/O stall 35% (tasks waiting on the disk) (also memory stall 10%)");
        assertThat(WorstWindows.verdict(10 * MS, List.of(), new WindowEvidence(1, 0, 0, 2, 0, 0, 0, 0, 0, 90, 9, -1),
            CPUS)).isEqualTo("no machine cause seen");
    }

    @Test
    void theJsonCarriesTheWindowItsPausesAndSamples() {
        final List<WorstWindow> worst = WorstWindows.find(MAX, COUNT, ORIGIN, WIDTH, 1, SAMPLES, PAUSES, CPUS, null);

        assertThat(WorstWindows.toJson(worst, ORIGIN)).isEqualTo("[\n    {\"startMs\": 300.0, \"endMs\": 400.0, "
            + "\"maxLatencyMs\": 48.000, \"records\": 4981, \"verdict\": \"GC pause in broker-2 (41 ms)\", "
            + "\"pauses\": [{\"process\": \"broker-2\", \"kind\": \"GC\", \"what\": \"Pause Young (Normal) (G1 "
            + "Evacuation Pause)\", \"startMs\": 262.000, \"durationMs\": 41.000}], \"machine\": {\"samples\": 1, "
            + "\"stealPercent\": 2.0, \"iowaitPercent\": 0.0, \"procsRunning\": 3, \"procsBlocked\": 0, "
            + "\"dirtyKiB\": 1024, \"writebackKiB\": 0, \"allocStalls\": 0, \"compactStalls\": 0, "
            + "\"cpuStallPercent\": 5.0, \"ioStallPercent\": 0.0, \"memoryStallPercent\": 0.0}}\n  ]");
    }

    /**
     * Thread samples of 100 ms ending at 0.35, 0.45 and 0.85 s. The worst window (0.3-0.4 s, 48 ms) overlaps the
     * first two: a kernel flush worker ran most; jbd2 and a broker thread tie, the lower process id first; the load
     * thread's summed wait is the longest of the run's, while a stranger's larger wait is not the run's.
     */
    private static ThreadSamples threadSamples() {
        final ThreadSamples threads = new ThreadSamples();
        final int flush = threads.name(new TaskName(51, 51, "kworker/u4:1-flush-254:0", "kworker/u4:1-flush-254:0",
            null));
        final int jbd2 = threads.name(new TaskName(40, 40, "jbd2/vda1-8", "jbd2/vda1-8", null));
        final int sender = threads.name(new TaskName(100, 120, "java", "kafka-producer-", "load"));
        final int handler = threads.name(new TaskName(200, 230, "java", "data-plane-kafk", "broker-1"));
        final int stranger = threads.name(new TaskName(300, 301, "postgres", "walwriter", null));
        threads.beginInterval(at(350), 100 * MS);
        threads.add(flush, 30 * MS, 0);
        threads.add(jbd2, 12 * MS, 0);
        threads.add(sender, 5 * MS, 18 * MS);
        threads.add(handler, 9 * MS, 4 * MS);
        threads.add(stranger, 1 * MS, 50 * MS);
        threads.beginInterval(at(450), 100 * MS);
        threads.add(flush, 10 * MS, ThreadSamples.UNKNOWN);
        threads.add(sender, 2 * MS, 3 * MS);
        threads.add(handler, 3 * MS, 16 * MS);
        threads.beginInterval(at(850), 100 * MS);
        threads.add(stranger, 70 * MS, 0);
        return threads;
    }

    @Test
    void withThreadSamplesAWindowNamesTheTasksThatRanMostAndTheRunsLongestWait() {
        final List<WorstWindow> worst = WorstWindows.find(MAX, COUNT, ORIGIN, WIDTH, 4, SAMPLES, PAUSES, CPUS,
            threadSamples());

        assertThat(worst.get(0).threads()).isEqualTo(new ThreadEvidence(2, List.of(
            new TaskTime(new TaskName(51, 51, "kworker/u4:1-flush-254:0", "kworker/u4:1-flush-254:0", null), 40 * MS),
            new TaskTime(new TaskName(40, 40, "jbd2/vda1-8", "jbd2/vda1-8", null), 12 * MS),
            new TaskTime(new TaskName(200, 230, "java", "data-plane-kafk", "broker-1"), 12 * MS)),
            new TaskTime(new TaskName(100, 120, "java", "kafka-producer-", "load"), 21 * MS)));
        assertThat(WorstWindows.report(worst.subList(0, 1), ORIGIN, WIDTH)).endsWith(String.join(
            System.lineSeparator(),
            "  1. 0.3-0.4 s: max 48.000 ms over 4981 records: GC pause in broker-2 (41 ms)",
            "     pauses: broker-2 GC \"Pause Young (Normal) (G1 Evacuation Pause)\" 41.0 ms at 0.262 s; machine: "
                + "steal 2%, iowait 0%, running 3, blocked 0, Dirty 1 MB, Writeback 0 MB, stalled on CPU 5% / I/O 0% "
                + "/ memory 0%",
            "     threads: most CPU kworker/u4:1-flush-254:0 40.0 ms, jbd2/vda1-8 12.0 ms, broker-1/data-plane-kafk "
                + "12.0 ms; longest run-queue wait of the run's JVMs: load/kafka-producer- 21.0 ms"));
        assertThat(worst.get(2).threadDetails()).isEqualTo("threads: most CPU postgres/walwriter 70.0 ms; longest "
            + "run-queue wait of the run's JVMs: none");
        assertThat(worst.get(3).threadDetails()).isEqualTo("threads: no samples");
        assertThat(WorstWindows.markdown(worst, ORIGIN, WIDTH)).contains("| 4 | 0.0-0.1 | 2.000 | 100 | no machine "
            + "cause seen | pauses: none; machine: steal 1%, iowait 0%, running 2, blocked 0, Dirty 1 MB, Writeback "
            + "0 MB, stalled on CPU 5% / I/O 0% / memory 0%; threads: no samples |");
        assertThat(WorstWindows.toJson(worst.subList(2, 3), ORIGIN)).endsWith("\"memoryStallPercent\": 0.0}, "
            + "\"threads\": {\"samples\": 1, \"mostCpu\": [{\"name\": \"postgres/walwriter\", \"pid\": 300, "
            + "\"tid\": 301, \"process\": \"postgres\", \"thread\": \"walwriter\", \"cpuMs\": 70.000}], "
            + "\"longestOwnRunQueueWait\": null}}\n  ]");
        assertThat(WorstWindows.toJson(worst.subList(0, 1), ORIGIN)).contains("\"longestOwnRunQueueWait\": "
            + "{\"name\": \"load/kafka-producer-\", \"pid\": 100, \"tid\": 120, \"process\": \"java\", "
            + "\"thread\": \"kafka-producer-\", \"waitMs\": 21.000}}}");
    }
}
