package io.ackbench.tools.nightly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostFingerprintTest {
    @TempDir
    Path dir;

    static Map<String, String> fields() {
        final Map<String, String> fields = new HashMap<>();
        fields.put(HostFingerprint.CPU_MODEL, "AMD EPYC");
        fields.put(HostFingerprint.CPU_FLAGS, "fpu sse2 avx2");
        fields.put(HostFingerprint.CPU_COUNT, "2");
        fields.put(HostFingerprint.KERNEL, "6.1.0");
        fields.put(HostFingerprint.BOOT_ID, "boot-1");
        fields.put("data:/dev/shm/ackbench-nightly", "tmpfs tmpfs");
        return fields;
    }

    @Test
    void theDigestIsTheSha256OfTheFieldsInKeyOrder() {
        final HostFingerprint host = HostFingerprint.of(Map.of("b", "2", "a", "1"));

        assertThat(HostFingerprint.canonical(host.fields())).isEqualTo("a=1\nb=2\n");
        // printf 'a=1\nb=2\n' | sha256sum
        assertThat(host.digest()).isEqualTo("4a73850fde34aad40ff8649b93a66523a5fe744357a3931caea0f10609d0d930");
        assertThat(host.shortDigest()).isEqualTo(host.digest().substring(0, 12));
        assertThat(HostFingerprint.of(Map.of("a", "1", "b", "3")).digest()).isNotEqualTo(host.digest());
    }

    @Test
    void describesEachDifferenceBaselineFirstFlagsAsTheirDifference() {
        final Map<String, String> other = fields();
        other.put(HostFingerprint.CPU_MODEL, "Intel Xeon");
        other.put(HostFingerprint.CPU_FLAGS, "fpu sse2 avx512f");
        other.put(HostFingerprint.KERNEL, "6.18.44");
        other.remove("data:/dev/shm/ackbench-nightly");
        final HostFingerprint baseline = HostFingerprint.of(other);
        final HostFingerprint current = HostFingerprint.of(fields());

        assertThat(current.differencesFrom(baseline)).isEqualTo("cpu model: Intel Xeon vs AMD EPYC; "
            + "cpu flags: only baseline has avx512f, only current has avx2; kernel: 6.18.44 vs 6.1.0; "
            + "file system under /dev/shm/ackbench-nightly: none vs tmpfs tmpfs");
        assertThat(current.differencesFrom(current)).isEmpty();
        assertThat(current.sameHost(baseline)).isFalse();
        assertThat(current.sameHost(HostFingerprint.of(fields()))).isTrue();
    }

    @Test
    void anotherBootIsAnotherHost() {
        final Map<String, String> rebooted = fields();
        rebooted.put(HostFingerprint.BOOT_ID, "boot-2");

        assertThat(HostFingerprint.of(fields()).differencesFrom(HostFingerprint.of(rebooted)))
            .isEqualTo("boot id: boot-2 vs boot-1");
    }

    @Test
    void writesAndReadsItsSiblingFile() throws Exception {
        final HostFingerprint host = HostFingerprint.of(fields());
        final Path result = dir.resolve("nightly-2026-12-07-abc1234-kvm2c.json");
        host.write(HostFingerprint.siblingOf(result));

        assertThat(HostFingerprint.siblingOf(result)).hasFileName("nightly-2026-12-07-abc1234-kvm2c.host.json");
        assertThat(HostFingerprint.isHostFile(HostFingerprint.siblingOf(result))).isTrue();
        assertThat(HostFingerprint.isHostFile(result)).isFalse();
        assertThat(HostFingerprint.besides(result)).contains(host);
        assertThat(Files.readString(HostFingerprint.siblingOf(result))).contains("\"digest\" : \"" + host.digest());
    }

    @Test
    void aResultWithoutHostFileHasNoFingerprint() {
        assertThat(HostFingerprint.besides(dir.resolve("nightly-2026-11-24-45e5ea8-kvm2c.json"))).isEmpty();
    }

    @Test
    void theDigestIsRecomputedNotTrusted() {
        final HostFingerprint read = HostFingerprint.parse("{\"digest\": \"0000\", \"fields\": {\"a\": \"1\"}}");

        assertThat(read.digest()).isEqualTo(HostFingerprint.of(Map.of("a", "1")).digest());
    }

    @Test
    void aBrokenHostFileIsAnErrorNamingIt() throws Exception {
        final Path result = dir.resolve("r.json");
        Files.writeString(HostFingerprint.siblingOf(result), "{\"fields\": [1]}");

        assertThatThrownBy(() -> HostFingerprint.besides(result)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("r.host.json").hasMessageContaining("no \"fields\" object");
        assertThatThrownBy(() -> HostFingerprint.parse("{\"fields\": {\"a\": 1}}"))
            .hasMessage("not a host fingerprint: a is not text");
    }
}
