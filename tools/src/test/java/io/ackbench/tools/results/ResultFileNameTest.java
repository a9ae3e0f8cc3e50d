package io.ackbench.tools.results;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFileNameTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 23);
    private static final String KVM_CLOCKSOURCES = "tsc kvm-clock acpi_pm \n";
    private static final String GUEST_CPUINFO = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm\n";
    private static final String HOST_CPUINFO = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr lahf_lm\n";

    @Test
    void nameIsSuiteDateCommitMachine() {
        assertThat(ResultFileName.of("AccumulatorBenchmark", DATE, "03b0a32", "kvm2c").fileName())
            .isEqualTo("AccumulatorBenchmark-2026-11-23-03b0a32-kvm2c.json");
        assertThat(ResultFileName.of("nightly", LocalDate.of(2027, 1, 5), "1a2b3c4d", "ci_runner.4").fileName())
            .isEqualTo("nightly-2027-01-05-1a2b3c4d-ci_runner.4.json");
    }

    @Test
    void committedBaselineNamesParseBack() {
        final ResultFileName name = ResultFileName.parse("ProduceBenchmark.rate20000-2026-11-23-faa9147-kvm2c.json");

        assertThat(name.suite()).isEqualTo("ProduceBenchmark.rate20000");
        assertThat(name.date()).isEqualTo(DATE);
        assertThat(name.commit()).isEqualTo("faa9147");
        assertThat(name.machine()).isEqualTo("kvm2c");
        assertThat(name).isEqualTo(ResultFileName.of("ProduceBenchmark.rate20000", DATE, "faa9147", "kvm2c"));
        assertThat(name.fileName()).isEqualTo("ProduceBenchmark.rate20000-2026-11-23-faa9147-kvm2c.json");
    }

    @Test
    void partsThatWouldNotParseBackAreRejected() {
        assertThatThrownBy(() -> ResultFileName.of("Produce-Benchmark", DATE, "03b0a32", "kvm2c"))
            .hasMessageStartingWith("suite \"Produce-Benchmark\" must be letters, digits, '_' and '.' only");
        assertThatThrownBy(() -> ResultFileName.of("ProduceBenchmark.*", DATE, "03b0a32", "kvm2c"))
            .hasMessageStartingWith("suite \"ProduceBenchmark.*\"");
        assertThatThrownBy(() -> ResultFileName.of("X", DATE, "HEAD", "kvm2c"))
            .hasMessageStartingWith("commit \"HEAD\" must be an abbreviated hash");
        assertThatThrownBy(() -> ResultFileName.of("X", DATE, "03b0a32", "kvm-2c"))
            .hasMessageStartingWith("machine label \"kvm-2c\" must be letters, digits, '_' and '.' only");
    }

    @Test
    void otherFileNamesAreNotResultNames() {
        assertThatThrownBy(() -> ResultFileName.parse("key-distribution.json"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("\"key-distribution.json\" is not a result file name SUITE-DATE-COMMIT-MACHINE.json");
        assertThatThrownBy(() -> ResultFileName.parse("X-2026-13-40-03b0a32-kvm2c.json"))
            .hasMessageStartingWith("\"X-2026-13-40-03b0a32-kvm2c.json\" has no valid date");
    }

    @Test
    void machineIsTheHypervisorOfTheClockSourceAndTheCores() {
        assertThat(MachineLabel.derive(Optional.of(KVM_CLOCKSOURCES), Optional.of(GUEST_CPUINFO), 2))
            .isEqualTo("kvm2c");
        assertThat(MachineLabel.derive(Optional.of("tsc xen hpet"), Optional.of(GUEST_CPUINFO), 4))
            .isEqualTo("xen4c");
        assertThat(MachineLabel.derive(Optional.of("tsc hpet"), Optional.of(GUEST_CPUINFO), 8)).isEqualTo("vm8c");
        assertThat(MachineLabel.derive(Optional.of("tsc hpet acpi_pm"), Optional.of(HOST_CPUINFO), 16))
            .isEqualTo("metal16c");
        assertThat(MachineLabel.derive(Optional.empty(), Optional.empty(), 10)).isEqualTo("host10c");
    }

    @Test
    void machineLabelOfThisJvmIsUsableInANameAndCountsItsCores() {
        final String label = MachineLabel.current();

        assertThat(ResultFileName.of("X", DATE, "abcd", label).machine()).isEqualTo(label);
        if (System.getenv(MachineLabel.ENVIRONMENT_VARIABLE) == null) {
            assertThat(label).endsWith(Runtime.getRuntime().availableProcessors() + "c");
        }
    }
}
