package io.ackbench.load.keys;

import io.ackbench.partition.PartitionStrategy;
import io.ackbench.load.keys.KeyDistributionReport.Parameters;
import io.ackbench.load.keys.KeyDistributionReport.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyDistributionReportTest {
    /** 12,000 divides evenly by every partition count, so round-robin must come out exactly flat. */
    private static final Parameters SMALL = Parameters.defaults().withRecords(12_000);

    @Test
    void coversEveryStrategyKeySetAndPartitionCountWithEveryRecordCounted() {
        final List<Row> rows = KeyDistributionReport.run(SMALL);

        assertThat(rows).hasSize(PartitionStrategy.values().length * KeySet.values().length * 4);
        for (final Row row : rows) {
            assertThat(row.load().total()).as("%s %s %d", row.strategy(), row.keySet(), row.partitions())
                .isEqualTo(12_000);
            assertThat(row.load().degreesOfFreedom()).isEqualTo(row.partitions() - 1);
        }
    }

    @Test
    void spreadsRoundRobinExactlyEvenly() {
        for (final Row row : KeyDistributionReport.run(SMALL)) {
            if (row.strategy() == PartitionStrategy.ROUND_ROBIN) {
                assertThat(row.load().chiSquare()).isZero();
                assertThat(row.load().maxMinRatio()).isEqualTo(1.0);
                assertThat(row.load().min()).isEqualTo(12_000 / row.partitions());
            }
        }
    }

    @Test
    void keyedStrategiesAgreeWithTheirHashOnTheSameKeys() {
        final long[] counts = KeyDistributionReport.assign(PartitionStrategy.MURMUR2, KeySet.SEQUENTIAL, 6, SMALL);

        final long[] expected = new long[6];
        for (int i = 0; i < 12_000; i++) {
            final byte[] key = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            expected[org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key)) % 6]++;
        }
        assertThat(counts).containsExactly(expected);
    }

    @Test
    void repeatsForTheSameSeed() {
        assertThat(KeyDistributionReport.assign(PartitionStrategy.UNIFORM_STICKY, KeySet.ZIPF, 12, SMALL))
            .containsExactly(KeyDistributionReport.assign(PartitionStrategy.UNIFORM_STICKY, KeySet.ZIPF, 12, SMALL));
        assertThat(KeyDistributionReport.assign(PartitionStrategy.XXHASH, KeySet.ZIPF, 12, SMALL))
            .containsExactly(KeyDistributionReport.assign(PartitionStrategy.XXHASH, KeySet.ZIPF, 12, SMALL));
    }

    @Test
    void writesTheTableAndJsonWithTheParameters(@TempDir final Path dir) throws IOException {
        final Path output = dir.resolve("nested/key-distribution.json");

        KeyDistributionReport.main(new String[]{output.toString(), "--records", "1200", "--seed", "7"});

        final String json = Files.readString(output);
        assertThat(json)
            .contains("\"records\": 1200,", "\"seed\": 7,", "\"batchSize\": 16384,", "\"recordBytes\": 100,",
                "\"zipfExponent\": 1.1,", "\"zipfPopulation\": 10000,", "\"partitionCounts\": [3, 6, 12, 100]")
            .contains("{\"strategy\": \"round-robin\", \"keySet\": \"uniform-random\", \"partitions\": 3, " +
                "\"min\": 400, \"max\": 400, \"maxMinRatio\": 1.0, \"minIsZero\": false, \"chiSquare\": 0.0, " +
                "\"degreesOfFreedom\": 2, \"chiSquarePerDf\": 0.0, \"pValue\": 1.0, \"counts\": [400, 400, 400]}");
        assertThat(json.trim()).startsWith("{").endsWith("}");
    }

    @Test
    void printsInfForAnEmptyPartitionAndNullInJson() {
        final Row row = new Row(PartitionStrategy.MURMUR2, KeySet.ZIPF, 3,
            new io.ackbench.load.keys.PartitionLoad(new long[]{5, 0, 7}));

        assertThat(KeyDistributionReport.table(List.of(row))).contains(" inf ");
        assertThat(KeyDistributionReport.json(SMALL, List.of(row)))
            .contains("\"maxMinRatio\": null, \"minIsZero\": true");
    }
}
