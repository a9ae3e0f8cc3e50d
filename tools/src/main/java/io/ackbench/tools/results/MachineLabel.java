package io.ackbench.tools.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MACHINE part of a result file name: figures from different machines are not comparable, so every file says
 * where it was measured. {@value #ENVIRONMENT_VARIABLE} names the machine when set; otherwise the label is the
 * virtualisation and the core count, e.g. {@code kvm2c} for a 2-vCPU KVM guest, {@code metal16c} for a physical
 * 16-core host.
 */
public final class MachineLabel {
    public static final String ENVIRONMENT_VARIABLE = "ACKBENCH_MACHINE";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.]+");
    /** A guest's paravirtual clock names its hypervisor (the cpuinfo flag only says there is one). */
    private static final Path CLOCKSOURCES = Path.of("/sys/devices/system/clocksource/clocksource0/available_clocksource");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final String[][] CLOCKSOURCE_HYPERVISORS = {
        {"kvm-clock", "kvm"}, {"xen", "xen"}, {"hyperv", "hyperv"}, {"vmware", "vmware"},
    };
    private static final Pattern HYPERVISOR_FLAG = Pattern.compile("(?m)^flags\\s*:.*\\bhypervisor\\b");
    private static final String UNKNOWN_HYPERVISOR = "vm";
    private static final String PHYSICAL = "metal";
    /** Without /proc/cpuinfo (not Linux) nothing tells a guest from a host. */
    private static final String UNKNOWN = "host";
    private static final String CORES_SUFFIX = "c";

    private MachineLabel() {
    }

    /** {@value #ENVIRONMENT_VARIABLE} if set (and valid), else {@link #derive} from this machine. */
    public static String current() {
        final String named = System.getenv(ENVIRONMENT_VARIABLE);
        if (named != null && !named.isEmpty()) {
            try {
                return check(named);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + ": " + e.getMessage(), e);
            }
        }
        return derive(read(CLOCKSOURCES), read(CPUINFO), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param clocksources the kernel's available clock sources, if readable
     * @param cpuinfo      {@code /proc/cpuinfo}, if readable
     * @param cores        processors available to the JVM
     */
    static String derive(final Optional<String> clocksources, final Optional<String> cpuinfo, final int cores) {
        return virtualisation(clocksources, cpuinfo) + cores + CORES_SUFFIX;
    }

    private static String virtualisation(final Optional<String> clocksources, final Optional<String> cpuinfo) {
        for (final String[] clockAndHypervisor : CLOCKSOURCE_HYPERVISORS) {
            if (clocksources.orElse("").contains(clockAndHypervisor[0])) {
                return clockAndHypervisor[1];
            }
        }
        if (cpuinfo.isEmpty()) {
            return UNKNOWN;
        }
        return HYPERVISOR_FLAG.matcher(cpuinfo.get()).find() ? UNKNOWN_HYPERVISOR : PHYSICAL;
    }

    /** @throws IllegalArgumentException unless the label is letters, digits, '_' and '.' (no dash: it separates) */
    static String check(final String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("machine label \"" + label
                + "\" must be letters, digits, '_' and '.' only (e.g. kvm2c)");
        }
        return label;
    }

    private static Optional<String> read(final Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (final IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
