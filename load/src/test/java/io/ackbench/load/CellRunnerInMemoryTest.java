package io.ackbench.load;

import io.ackbench.load.audit.AuditCell;
import io.ackbench.load.audit.AuditFault;
import io.ackbench.load.audit.CellResult;
import io.ackbench.load.audit.CellRunner;
import io.ackbench.load.audit.DeliverySetting;
import io.ackbench.producer.DeliveryListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery audit cell end to end on the in-memory cluster, whose producers can acknowledge records they never
 * write: the cell must count exactly those as lost. And a cluster that never heals is reported so, its data kept.
 */
class CellRunnerInMemoryTest {
    private static final int LOST = 7;
    private static final AuditCell CELL = new AuditCell("memory", new DeliverySetting("1", false, 1), AuditFault.NONE);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void recordsAcknowledgedButNeverWrittenAreExactlyTheLostOnes() throws Exception {
        final Workload workload = workload();
        final CellResult result = runner(60_000).run(CELL, target(InMemoryLoadCluster.losing(workload, LOST), true),
            workload, dir.resolve("cell"), dir.resolve("data"));
        assertThat(result.status()).as(result.reason() + "\n" + printed).isEqualTo(CellResult.Status.DONE);
        // 2 threads x 1,000 records/s x 0.5 s, each acknowledged at once.
        assertThat(result.audit().acknowledged()).isEqualTo(1_000);
        assertThat(result.audit().lost()).hasSize(LOST);
        assertThat(result.audit().read()).isEqualTo(1_000 - LOST);
        assertThat(result.audit().duplicated()).isEmpty();
        assertThat(result.breaches()).containsExactly("no fault: no acknowledged record lost: breached by " + LOST
            + " lost records");
        assertThat(dir.resolve("cell").resolve(CellRunner.CELL_JSON)).content().contains("\"lost\": " + LOST);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aClusterThatNeverHealsIsReportedSoWithItsDataKept() throws Exception {
        final Workload workload = workload();
        final CellResult result = runner(300).run(CELL, target(InMemoryLoadCluster.of(workload), false), workload,
            dir.resolve("cell"), dir.resolve("data"));
        assertThat(result.status()).isEqualTo(CellResult.Status.NOT_HEALED);
        assertThat(result.reason()).isEqualTo("not every replica was back in the ISR 300 ms after the load ended");
        assertThat(result.keptDataDir()).isEqualTo(dir.resolve("data"));
        assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
    }

    private CellRunner runner(final long healBoundMillis) {
        return new CellRunner(new PrintStream(printed, true, StandardCharsets.UTF_8), 1, 1, healBoundMillis);
    }

    private static Workload workload() {
        return Workload.builder().partitions(3).producerThreads(2).recordSize(32).targetRate(2_000)
            .duration(500, TimeUnit.MILLISECONDS).reportingInterval(100, TimeUnit.MILLISECONDS).build();
    }

    /** A target whose one cluster is {@code memory}, healed or never. */
    private static LoadTarget target(final InMemoryLoadCluster memory, final boolean healed) {
        return new LoadTarget() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public void check(final Workload workload) {
            }

            @Override
            public LoadCluster start(final Workload workload, final Path dataDir) {
                return new LoadCluster() {
                    @Override
                    public LoadProducer connect(final Workload w, final DeliveryListener listener) {
                        return memory.connect(w, listener);
                    }

                    @Override
                    public LoadConsumer consumer(final Workload w, final int index, final int count,
                                                 final ConsumedRecordListener listener) {
                        return memory.consumer(w, index, count, listener);
                    }

                    @Override
                    public boolean fullyReplicated() {
                        return healed;
                    }

                    @Override
                    public void close() {
                        memory.close();
                    }
                };
            }
        };
    }
}
