package io.ackbench.tools.versus;

/** What {@code vs-kafka --help} prints. */
final class VersusUsage {
    static final String TEXT = String.join("\n",
        "Usage: vs-kafka [produce-perf flags] [--matrix]",
        "",
        "ackbench and Apache Kafka side by side: the same open-loop produce-perf workload on both, four runs",
        "alternating A B B A (ackbench, Kafka, Kafka, ackbench), each on a fresh cluster whose brokers run in JVMs",
        "of their own, reached over TCP. Prints per system records/s, MB/s and latency p50/p99/p99.9/max (whole",
        "microseconds from each record's intended send time, as in produce-perf's final line), each the mean of",
        "its two runs ± half their difference relative to the mean (512k ±3%), a ratio row ackbench/kafka, and",
        "whether each run kept its target rate. Writes each run's produce-perf files (run-1-ackbench, run-2-kafka,",
        "...), versus.md (the tables), versus.json (the configuration, every run's figures, means, spreads,",
        "ratios) and charts (records/s bars with the two runs as whiskers; the four runs' latency curves) to",
        "results/runs/vs-kafka/<timestamp>-<configuration>/, and prints their paths.",
        "",
        "Flags: produce-perf's (scripts/produce-perf --help lists them), with these differences:",
        "  --transport inproc|tcp|tcp-processes",
        "                             ackbench's side only (default tcp-processes: one JVM per broker, as Kafka)",
        "  --bootstrap-servers H:P,... a running Kafka cluster for Kafka's side (ackbench still starts its own",
        "                             brokers); Kafka's runs then share its topic, used as it is if it exists",
        "  --output-dir DIR           the comparison's directory (default results/runs/vs-kafka/...)",
        "  --data-dir DIR             the brokers' data, each run's deleted after it (default target/vs-kafka-data)",
        "  --warmup steady|D          default steady: each run warms up until the throughput and p50 latency of",
        "                             1 s windows stay within 5% over 3 windows, at most --warmup-max (default",
        "                             120s), and says how long it took; --warmup 75s warms up a fixed time",
        "  --target, --sweep          not taken: vs-kafka runs both systems, at the rate given",
        "  --matrix                   the standard comparison instead of one configuration: 3 brokers,",
        "                             replication factor 3, 100-byte values, 6 partitions, in five delivery",
        "                             settings: acks=1 | acks=all min.insync 2 | the same with idempotence |",
        "                             acks=all min.insync 3 | the same with idempotence; each at the max rate and",
        "                             at --throughput " + StandardMatrix.FIXED_RATE + ": 10 configurations, 40 runs, "
            + "one table.",
        "                             Each sets enable.idempotence explicitly (Kafka's default is true); acks=1",
        "                             runs with enable.idempotence=false on both systems because Kafka refuses",
        "                             idempotence with acks=1. The matrix sets --brokers, --replication-factor,",
        "                             --record-size, --partitions, --min-insync-replicas, --throughput and acks/",
        "                             enable.idempotence, so leave those out; other flags apply to every run.",
        "                             Each run lasts --duration " + VersusOptions.MATRIX_DURATION + " after its warm-up"
            + " unless given: the matrix takes",
        "                             up to 95 minutes on 2 cores (40 runs of at most 135 s, plus about 10 s to",
        "                             start each 3-broker Kafka cluster and 2 s for ackbench's). Kafka's cold",
        "                             brokers need a long warm-up: after 30 s, acks=all ran at 40% of its plateau,",
        "                             which the steady-state warm-up (below) waits out. With",
        "                             --bootstrap-servers, Kafka's runs use topics TOPIC" + VersusOptions.MIN_INSYNC_TOPIC_SUFFIX
            + "2 and TOPIC" + VersusOptions.MIN_INSYNC_TOPIC_SUFFIX + "3.",
        "  --help                     this text",
        "",
        "Kafka's side is produce-perf's --target kafka: an embedded KRaft cluster of Apache Kafka 4.3.1, one JVM",
        "per broker from kafka-broker/target/lib, or the cluster --bootstrap-servers names.",
        "For one configuration, set enable.idempotence yourself when comparing non-idempotent delivery: both",
        "systems default to true with acks=all.",
        "",
        "Exit codes: 0 every run completed without failed records; 1 a run failed or records failed; 2 bad",
        "flags.",
        "");

    private VersusUsage() {
    }
}
