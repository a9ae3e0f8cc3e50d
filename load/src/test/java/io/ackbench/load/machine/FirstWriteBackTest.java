package io.ackbench.load.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FirstWriteBackTest {
    @TempDir
    Path vm;

    @Test
    void isTheDirtyExpiryPlusTwoFlusherPeriods() throws IOException {
        Files.writeString(vm.resolve("dirty_expire_centisecs"), "3000\n");
        Files.writeString(vm.resolve("dirty_writeback_centisecs"), "500\n");
        assertThat(FirstWriteBack.of(vm)).isEqualTo(Duration.ofSeconds(40));

        Files.writeString(vm.resolve("dirty_expire_centisecs"), "1500\n");
        Files.writeString(vm.resolve("dirty_writeback_centisecs"), "250\n");
        assertThat(FirstWriteBack.of(vm)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void readsThisMachinesSettingsWhole() throws IOException {
        final Path proc = Path.of("/proc/sys/vm");
        assumeTrue(Files.isReadable(proc.resolve("dirty_expire_centisecs")), "a Linux /proc");
        final long expire = Long.parseLong(Files.readAllLines(proc.resolve("dirty_expire_centisecs")).get(0).trim());
        final long period = Long.parseLong(Files.readAllLines(proc.resolve("dirty_writeback_centisecs")).get(0).trim());
        assertThat(FirstWriteBack.ofThisMachine()).isEqualTo(Duration.ofMillis((expire + 2 * period) * 10));
    }

    @Test
    void takesTheKernelsDefaultsWhereTheSettingsCannotBeRead() throws IOException {
        assertThat(FirstWriteBack.of(vm)).isEqualTo(Duration.ofSeconds(40));
        Files.writeString(vm.resolve("dirty_expire_centisecs"), "not a number\n");
        Files.writeString(vm.resolve("dirty_writeback_centisecs"), "0\n");
        assertThat(FirstWriteBack.of(vm)).isEqualTo(Duration.ofSeconds(30));
    }
}
