package io.ackbench.load.machine;

import io.ackbench.load.JsonText;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host settings that shape a run's tails, read once at its start: the kernel's dirty page limits and write-back
 * timers, transparent huge pages, the CPUs and kernel, the file system under the brokers' data directory and its
 * device's read-ahead, and the JVM flags of this JVM and of each JVM the cluster started. A setting that cannot be
 * read is {@value #UNKNOWN}.
 *
 * <p>The read-ahead is there because a page fault on a file mapping reads the whole window around the page: with
 * the 8 MiB of a virtio disk, one fault on a sparse mmap segment zeroed 8 MiB inside a broker's only thread
 * (docs/measuring.md, "Where the tails came from").
 */
public record RunHeader(int cpus, String cpuModel, String kernel, Map<String, String> vm,
                        String thpEnabled, String thpDefrag, String dataFileSystem, String dataReadAhead,
                        Map<String, List<String>> jvmFlags) {
    static final String UNKNOWN = "unknown";
    static final String NO_DEVICE = "none (no block device)";
    private static final String DEVICE_PREFIX = "/dev/";
    private static final String READ_AHEAD = "queue/read_ahead_kb";
    private static final Path SYS_CLASS_BLOCK = Path.of("/sys/class/block");
    /** The files of /proc/sys/vm read, in the order printed. */
    static final List<String> VM_SETTINGS = List.of("dirty_ratio", "dirty_background_ratio", "dirty_bytes",
        "dirty_background_bytes", "dirty_expire_centisecs", "dirty_writeback_centisecs");

    public RunHeader {
        vm = Map.copyOf(vm);
        jvmFlags = Map.copyOf(jvmFlags);
    }

    /** This host's settings, {@code /proc} and {@code /sys} at their usual places; this JVM is named {@code load}. */
    public static RunHeader read(final ClusterProcesses cluster) {
        final Map<String, String> vm = new LinkedHashMap<>();
        for (final String setting : VM_SETTINGS) {
            vm.put(setting, firstLine(Path.of("/proc/sys/vm", setting)));
        }
        final FileStore store = store(cluster.dataDir());
        final Map<String, List<String>> flags = new LinkedHashMap<>();
        flags.put("load", List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        for (final ClusterJvm jvm : cluster.jvms()) {
            flags.put(jvm.name(), ClusterJvm.jvmFlags(jvm.command()));
        }
        return new RunHeader(Runtime.getRuntime().availableProcessors(), cpuModel(read(Path.of("/proc/cpuinfo"))),
            System.getProperty("os.name") + " " + System.getProperty("os.version"), vm,
            selected(firstLine(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))),
            selected(firstLine(Path.of("/sys/kernel/mm/transparent_hugepage/defrag"))),
            fileSystem(cluster.dataDir(), store), store == null ? UNKNOWN : readAhead(SYS_CLASS_BLOCK, store.name()),
            flags);
    }

    /** The lines printed at the run's start. */
    public List<String> lines(final List<String> jvmOrder) {
        final StringBuilder vmLine = new StringBuilder("  vm:");
        for (final String setting : VM_SETTINGS) {
            vmLine.append(' ').append(setting).append('=').append(vm.getOrDefault(setting, UNKNOWN));
        }
        final List<String> lines = new ArrayList<>();
        lines.add("Host: " + cpus + " CPUs (" + cpuModel + "), " + kernel + "; transparent huge pages " + thpEnabled
            + ", defrag " + thpDefrag + "; data directory on " + dataFileSystem + ", read-ahead " + dataReadAhead);
        lines.add(vmLine.toString());
        for (final String name : jvmOrder) {
            lines.add("  JVM " + name + ": " + String.join(" ", jvmFlags.getOrDefault(name, List.of())));
        }
        return lines;
    }

    /** The summary's {@code host} object. */
    public String toJson(final List<String> jvmOrder) {
        final StringBuilder json = new StringBuilder(1024);
        json.append("{\n    \"cpus\": ").append(cpus).append(",\n    \"cpuModel\": ").append(JsonText.string(cpuModel))
            .append(",\n    \"kernel\": ").append(JsonText.string(kernel)).append(",\n    \"vm\": {");
        String separator = "";
        for (final String setting : VM_SETTINGS) {
            json.append(separator).append(JsonText.string(setting)).append(": ")
                .append(JsonText.string(vm.getOrDefault(setting, UNKNOWN)));
            separator = ", ";
        }
        json.append("},\n    \"transparentHugePages\": {\"enabled\": ").append(JsonText.string(thpEnabled))
            .append(", \"defrag\": ").append(JsonText.string(thpDefrag)).append("},\n    \"dataFileSystem\": ")
            .append(JsonText.string(dataFileSystem)).append(",\n    \"dataReadAhead\": ")
            .append(JsonText.string(dataReadAhead)).append(",\n    \"jvmFlags\": {");
        separator = "";
        for (final String name : jvmOrder) {
            json.append(separator).append("\n      ").append(JsonText.string(name)).append(": [");
            String comma = "";
            for (final String flag : jvmFlags.getOrDefault(name, List.of())) {
                json.append(comma).append(JsonText.string(flag));
                comma = ", ";
            }
            json.append(']');
            separator = ",";
        }
        return json.append("}\n  }").toString();
    }

    /** The bracketed choice of a sysfs setting: {@code always [madvise] never} gives {@code madvise}. */
    static String selected(final String line) {
        final int open = line.indexOf('[');
        final int close = line.indexOf(']', open + 1);
        return open < 0 || close < 0 ? line : line.substring(open + 1, close);
    }

    /** The first {@code model name} of {@code /proc/cpuinfo}'s text. */
    static String cpuModel(final String cpuinfo) {
        for (final String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                final int colon = line.indexOf(':');
                return colon < 0 ? UNKNOWN : line.substring(colon + 1).trim();
            }
        }
        return UNKNOWN;
    }

    /** The file system type and its store's name, as the disk suites print them. */
    private static String fileSystem(final Path dataDir, final FileStore store) {
        if (dataDir == null) {
            return UNKNOWN + " (the brokers are not this run's)";
        }
        return store == null ? UNKNOWN : store.type() + " (" + store.name() + ")";
    }

    /** The file store under the data directory (its parent while it does not exist yet); null when unknown. */
    private static FileStore store(final Path dataDir) {
        if (dataDir == null) {
            return null;
        }
        try {
            return Files.getFileStore(Files.exists(dataDir) ? dataDir : dataDir.toAbsolutePath().getParent());
        } catch (final IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The read-ahead of the block device a file system's store names ({@code /dev/vda}), from sysfs: a whole disk has
     * {@code queue/read_ahead_kb}, a partition ({@code vda1}) its disk's, one directory up. A store without a device
     * (tmpfs) has none.
     */
    static String readAhead(final Path sysClassBlock, final String storeName) {
        if (!storeName.startsWith(DEVICE_PREFIX)) {
            return NO_DEVICE;
        }
        final Path device = sysClassBlock.resolve(storeName.substring(storeName.lastIndexOf('/') + 1));
        try {
            Path setting = device.resolve(READ_AHEAD);
            if (!Files.exists(setting)) {
                setting = device.toRealPath().getParent().resolve(READ_AHEAD);
            }
            final String kib = firstLine(setting);
            return kib.equals(UNKNOWN) || kib.isEmpty() ? UNKNOWN : kib + " KiB";
        } catch (final IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static String firstLine(final Path file) {
        final String text = read(file);
        final int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    /**
     * The file's text through one plain read loop. Not {@code Files.readString}: on JDK 17 it reads a file whose size
     * shows as 0 one byte first, and a sysctl under {@code /proc/sys} answers a read at a non-zero position with end of
     * file, so {@code dirty_ratio} 20 came back as "2".
     */
    static String read(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (final IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
