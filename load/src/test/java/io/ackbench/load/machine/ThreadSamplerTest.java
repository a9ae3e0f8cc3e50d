package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The thread sampler driven by hand over a fixture /proc: this JVM is process 100 ({@code load}), its child 200 is
 * the cluster's {@code broker-1}, 300 a stranger's process and 7 a kernel worker on a kernel without
 * {@code schedstat}. Samples at 1.0 s, 1.1 s and 1.2 s; {@code threads.tsv} counts from 1.0 s.
 */
class ThreadSamplerTest {
    private static final long MS = 1_000_000;
    private static final long ORIGIN = 1_000_000_000L;
    private static final int OWN_PID = 100;
    private static final List<ClusterJvm> CLUSTER = List.of(new ClusterJvm("broker-1",
        List.of("/opt/jdk/bin/java", "-Xmx512m", "-cp", "ackbench.jar", "io.ackbench.broker.BrokerMain"), null));

    @TempDir
    Path proc;

    /** A stat line as Linux 6.x writes it: the fields this sampler reads are 4, 14, 15 and 22. */
    static String statLine(final int tid, final String comm, final int ppid, final long utime, final long stime,
                           final long startTicks) {
        return tid + " (" + comm + ") S " + ppid + " " + tid + " 7719 0 -1 4194560 98 0 0 0 " + utime + " " + stime
            + " 0 0 20 0 12 0 " + startTicks + " 3133440 381 18446744073709551615 94400303996928 94400304016809 "
            + "140729087219776 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0 94400304032816 94400304034432 94401315868672 "
            + "140729087224546 140729087224566 140729087224566 140729087225835 0\n";
    }

    @Test
    void aCommWithParenthesesAndSpacesEndsAtTheLastParenthesis() {
        final TaskStat stat = TaskStat.parse(statLine(4242, "we) (ird name)", 100, 250, 30, 987654));

        assertThat(stat).isEqualTo(new TaskStat("we) (ird name)", 100, 250, 30, 987654));
        assertThat(stat.cpuNanosFromTicks()).isEqualTo(2_800 * MS);
        assertThat(TaskSchedStat.parse("123456789 2000000 42\n"))
            .isEqualTo(new TaskSchedStat(123_456_789L, 2_000_000L, 42));
        assertThatThrownBy(() -> TaskStat.parse("4242 no parentheses S 1")).isInstanceOf(
            IllegalArgumentException.class);
    }

    @Test
    void eachIntervalKeepsTheTasksThatRanOrWaitedInMilliseconds() throws IOException {
        task(OWN_PID, OWN_PID, "java", 1, 0, 0, 500, "40000000 1000000 10");
        task(OWN_PID, 120, "ackbench-load-0", 1, 0, 0, 510, "900000000 30000000 5000");
        task(200, 200, "java", OWN_PID, 0, 0, 600, "50000000 0 12");
        task(200, 230, "data-plane-kafk", OWN_PID, 0, 0, 610, "10000000 500000 40");
        cmdline(200, "/opt/jdk-17.0.15/bin/java", "-Xmx512m", "-cp", "ackbench.jar",
            "io.ackbench.broker.BrokerMain");
        task(300, 300, "sshd: tester [priv]", 1, 0, 0, 100, "7000000 100000 9");
        cmdline(300, "sshd: tester [priv]");
        task(7, 7, "kworker/u8:1-events_unbound", 2, 3, 40, 20, null);
        final ThreadSampler sampler = new ThreadSampler(proc, OWN_PID, CLUSTER);
        sampler.sample(ORIGIN);

        task(OWN_PID, 120, "ackbench-load-0", 1, 0, 0, 510, "912500000 33250000 5100");
        task(200, 230, "data-plane-kafk", OWN_PID, 0, 0, 610, "10000000 4500000 40"); // waited, never ran
        task(300, 300, "sshd: tester [priv]", 1, 0, 0, 100, "7250000 100000 10");
        task(7, 7, "kworker/u8:1-flush-254:0", 2, 3, 42, 20, null); // renamed: serves another queue
        sampler.sample(ORIGIN + 100 * MS);

        assertThat(tsv(sampler)).containsExactly(ThreadSamples.TSV_HEADER,
            "100.0\t100.0\t7\t7\tkworker/u8:1-flush-254:0\tkworker/u8:1-flush-254:0\t20.000\t-1\t-",
            "100.0\t100.0\t100\t120\tjava\tackbench-load-0\t12.500\t3.250\tload",
            "100.0\t100.0\t200\t230\tjava\tdata-plane-kafk\t0.000\t4.000\tbroker-1",
            "100.0\t100.0\t300\t300\tsshd: tester [priv]\tsshd: tester [priv]\t0.250\t0.000\t-");
        assertThat(sampler.sweeps()).isEqualTo(2);
        assertThat(sampler.tasksSeen()).isEqualTo(6);
    }

    @Test
    void aTaskCountsFromItsFirstSightingUntilItIsGone() throws IOException {
        task(OWN_PID, OWN_PID, "java", 1, 0, 0, 500, "1000000 0 1");
        task(OWN_PID, 121, "leaving", 1, 0, 0, 510, "1000000 0 1");
        final ThreadSampler sampler = new ThreadSampler(proc, OWN_PID, List.of());
        sampler.sample(ORIGIN);

        task(OWN_PID, 121, "leaving", 1, 0, 0, 510, "3000000 0 2");
        task(OWN_PID, 122, "arriving", 1, 0, 0, 520, "5000000 1000000 3"); // first seen: only noted
        Files.createDirectories(proc.resolve(OWN_PID + "/task/123")); // exited between the listing and the read
        sampler.sample(ORIGIN + 100 * MS);

        delete(OWN_PID, 121);
        task(OWN_PID, 122, "arriving", 1, 0, 0, 520, "8000000 1000000 4");
        sampler.sample(ORIGIN + 200 * MS);

        assertThat(tsv(sampler)).containsExactly(ThreadSamples.TSV_HEADER,
            "100.0\t100.0\t100\t121\tjava\tleaving\t2.000\t0.000\tload",
            "200.0\t100.0\t100\t122\tjava\tarriving\t3.000\t0.000\tload");
        assertThat(sampler.samples().intervals()).isEqualTo(2);
        assertThat(sampler.tasksSeen()).isEqualTo(2);
    }

    @Test
    void aTaskIdTakenByANewTaskCountsFromItsFirstSightingToo() throws IOException {
        task(300, 300, "old", 1, 0, 0, 100, "9000000 0 1");
        final ThreadSampler sampler = new ThreadSampler(proc, OWN_PID, List.of());
        sampler.sample(ORIGIN);

        task(300, 300, "new", 1, 0, 0, 900, "2000000 0 1");
        sampler.sample(ORIGIN + 100 * MS);
        task(300, 300, "new", 1, 0, 0, 900, "2500000 0 2");
        sampler.sample(ORIGIN + 200 * MS);

        assertThat(tsv(sampler)).containsExactly(ThreadSamples.TSV_HEADER,
            "200.0\t100.0\t300\t300\tnew\tnew\t0.500\t0.000\t-");
    }

    @Test
    void millisecondsAreRoundedHalfAwayFromZero() {
        assertThat(ThreadSamples.appendMillis(new StringBuilder(), 12_345_500, 3)).hasToString("12.346");
        assertThat(ThreadSamples.appendMillis(new StringBuilder(), -150_050_000, 1)).hasToString("-150.1");
        assertThat(ThreadSamples.appendMillis(new StringBuilder(), 7_000, 3)).hasToString("0.007");
        assertThat(ThreadSamples.appendMillis(new StringBuilder(), -40_000, 1)).hasToString("0.0");
    }

    private void task(final int pid, final int tid, final String comm, final int ppid, final long utime,
                      final long stime, final long startTicks, final String schedstat) throws IOException {
        final Path dir = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        Files.writeString(dir.resolve("stat"), statLine(tid, comm, ppid, utime, stime, startTicks));
        if (schedstat != null) {
            Files.writeString(dir.resolve("schedstat"), schedstat + "\n");
        }
    }

    private void cmdline(final int pid, final String... args) throws IOException {
        Files.writeString(proc.resolve(pid + "/cmdline"), String.join("\0", args) + "\0");
    }

    private void delete(final int pid, final int tid) throws IOException {
        final Path dir = proc.resolve(pid + "/task/" + tid);
        Files.deleteIfExists(dir.resolve("stat"));
        Files.deleteIfExists(dir.resolve("schedstat"));
        Files.delete(dir);
    }

    private static List<String> tsv(final ThreadSampler sampler) throws IOException {
        final StringWriter out = new StringWriter();
        sampler.samples().writeTsv(out, ORIGIN);
        return List.of(out.toString().split("\n"));
    }
}
