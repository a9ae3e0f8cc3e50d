package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The /proc parsers on text copied from a 2-CPU KVM guest (kernel 6.18); Writeback and two allocstall counters, 0 there,
 * are raised so that the parsers have something to find.
 */
class ProcParsersTest {
    static final String STAT = """
        cpu  2785369 42700 992540 1944831 19165 0 34975 17464 0 0
        cpu0 1389777 21448 460957 1017996 3125 0 16609 8609 0 0
        cpu1 1395591 21251 531582 926834 16039 0 18365 8854 0 0
        intr 93142736 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 2 2 0 0 1 1 5945 2746 0 498
        ctxt 454489305
        btime 1796578397
        processes 398616
        procs_running 3
        procs_blocked 0
        softirq 117286155 0 2595180 4 101574023 3523977 0 8 3294455 1712641 4585867
        """;
    /** The same counters 100 ms of both CPUs later: 20 jiffies, of which user 8, system 4, iowait 2, steal 3. */
    static final String STAT_LATER = """
        cpu  2785375 42702 992543 1944834 19167 0 34976 17467 0 0
        procs_running 5
        procs_blocked 2
        """;
    static final String MEMINFO = """
        MemTotal:       24683784 kB
        MemFree:        21771572 kB
        MemAvailable:   23420156 kB
        Buffers:           68092 kB
        Cached:          1761056 kB
        Dirty:             95752 kB
        Writeback:          2048 kB
        WritebackTmp:          0 kB
        """;
    static final String LOADAVG = "1.05 1.18 2.01 3/142 9060\n";
    static final String VMSTAT = """
        nr_dirty 22502
        nr_writeback 0
        nr_dirty_threshold 1153505
        nr_dirty_background_threshold 576048
        allocstall_dma 0
        allocstall_dma32 1
        allocstall_normal 2
        allocstall_movable 0
        allocstall_device 0
        compact_stall 0
        """;

    @Test
    void procStatReadsTheAllCpuLineAndTheTaskCounts() {
        assertThat(ProcStat.parse(STAT)).isEqualTo(
            new ProcStat(2785369, 42700, 992540, 1944831, 19165, 0, 34975, 17464, 3, 0));
        assertThat(ProcStat.parse(STAT).total()).isEqualTo(2785369L + 42700 + 992540 + 1944831 + 19165 + 34975 + 17464);
    }

    @Test
    void procStatWithoutACpuLineIsRefused() {
        assertThatThrownBy(() -> ProcStat.parse("procs_running 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memInfoReadsDirtyAndWritebackNotWritebackTmp() {
        assertThat(MemInfo.parse(MEMINFO)).isEqualTo(new MemInfo(95752, 2048));
    }

    @Test
    void loadAvgReadsTheOneMinuteLoadAndTheRunnableCount() {
        assertThat(LoadAvg.parse(LOADAVG)).isEqualTo(new LoadAvg(1.05, 3));
    }

    @Test
    void vmStatSumsTheAllocationStallsOfEveryZone() {
        assertThat(VmStat.parse(VMSTAT)).isEqualTo(new VmStat(22502, 0, 1153505, 3, 0));
    }

    @Test
    void aSampleIsTheShareOfEveryJiffyBetweenTwoReadings() {
        final VmStat vm = VmStat.parse(VMSTAT);
        final VmStat vmLater = new VmStat(22502, 0, 1153505, 5, 1);
        final MachineSample sample = MachineSample.between(1_000_000_000L, ProcStat.parse(STAT), 1_100_000_000L,
            ProcStat.parse(STAT_LATER), LoadAvg.parse(LOADAVG), MemInfo.parse(MEMINFO), vm, vmLater,
            new MachineSample.Pressure(PressureStall.parse(PRESSURE_CPU), PressureStall.parse(PRESSURE_IO),
                PressureStall.NONE),
            new MachineSample.Pressure(new PressureStall(13_836_624_106L + 35_000, 0),
                new PressureStall(270_396_364L + 12_500, 128_670_099L), PressureStall.NONE));

        assertThat(sample).isEqualTo(new MachineSample(1_100_000_000L, 100_000_000L, 40.0, 20.0, 10.0, 15.0, 5, 2,
            1.05, 95752, 2048, 2, 1, 35.0, 12.5, -1));
        assertThat(sample.tsvLine(1_000_000_000L)).isEqualTo(
            "100.0\t100.0\t40.0\t20.0\t10.0\t15.0\t5\t2\t1.05\t95752\t2048\t2\t1\t35.0\t12.5\t-1.0");
    }

    /** Copied from this machine's /proc/pressure: microseconds stalled so far, some and full. */
    static final String PRESSURE_IO = "some avg10=0.00 avg60=0.05 avg300=0.21 total=270396364\n"
        + "full avg10=0.00 avg60=0.04 avg300=0.07 total=128670099\n";
    static final String PRESSURE_CPU = "some avg10=34.63 avg60=35.03 avg300=40.36 total=13836624106\n"
        + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

    @Test
    void pressureStallTotalsAreReadAndTurnedIntoAShareOfTheInterval() {
        final PressureStall io = PressureStall.parse(PRESSURE_IO);
        assertThat(io).isEqualTo(new PressureStall(270_396_364L, 128_670_099L));
        assertThat(new PressureStall(270_396_364L + 50_000, 0).somePercentSince(io, 100_000_000L)).isEqualTo(50.0);
        assertThat(PressureStall.NONE.somePercentSince(io, 100_000_000L)).isEqualTo(-1.0);
    }

    @Test
    void withoutVmStatTheStallsAreUnknownAndWithoutJiffiesTheSharesAreZero() {
        final ProcStat stat = ProcStat.parse(STAT);
        final MachineSample sample = MachineSample.between(0, stat, 100, stat, LoadAvg.parse(LOADAVG),
            MemInfo.parse(MEMINFO), null, null, MachineSample.Pressure.NONE, MachineSample.Pressure.NONE);

        assertThat(sample.stealPercent()).isZero();
        assertThat(sample.ioStallPercent()).isEqualTo(-1);
        assertThat(sample.allocStalls()).isEqualTo(-1);
        assertThat(sample.compactStalls()).isEqualTo(-1);
    }
}
