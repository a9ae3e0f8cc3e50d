package io.ackbench.partition;

import io.ackbench.partition.fixtures.PartitionerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionersTest {
    private static final String ALLOWED = "Allowed: one of [round-robin, sticky, uniform-sticky, murmur2, murmur3, " +
        "xxhash, crc32c], or the fully qualified name of a public class implementing " +
        "io.ackbench.partition.Partitioner with a public no-arg constructor";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "round-robin, io.ackbench.partition.RoundRobinPartitioner",
        "sticky, io.ackbench.partition.StickyPartitioner",
        "uniform-sticky, io.ackbench.partition.UniformStickyPartitioner",
        "murmur2, io.ackbench.partition.KeyHashPartitioner",
        "' crc32c ', io.ackbench.partition.KeyHashPartitioner",
    })
    void createsTheBuiltInForEachAlias(final String alias, final String expectedClass) {
        assertThat(Partitioners.create(alias, Map.of()).getClass().getName()).isEqualTo(expectedClass);
    }

    @Test
    void pairsEachKeyHashAliasWithItsHash() {
        assertThat(keyHashOf("murmur2")).isSameAs(Murmur2.INSTANCE);
        assertThat(keyHashOf("murmur3")).isSameAs(Murmur3.SEED_0);
        assertThat(keyHashOf("xxhash")).isSameAs(XxHash32.SEED_0);
        assertThat(keyHashOf("crc32c")).isSameAs(Crc32cKeyHash.INSTANCE);
    }

    private static KeyHash keyHashOf(final String alias) {
        return ((KeyHashPartitioner)Partitioners.create(alias, Map.of())).keyHash();
    }

    @Test
    void defaultsToMurmur2WithUniformStickyForNullKeysLikeKafka() {
        final Partitioner partitioner = Partitioners.create(Map.of());

        assertThat(partitioner).isInstanceOf(KeyHashPartitioner.class);
        assertThat(((KeyHashPartitioner)partitioner).keyHash()).isSameAs(Murmur2.INSTANCE);
        assertThat(((KeyHashPartitioner)partitioner).nullKeyPartitioner()).isInstanceOf(UniformStickyPartitioner.class);
    }

    @Test
    void choosesTheNullKeyStrategyOfAKeyHashAlias() {
        final Partitioner partitioner = Partitioners.create(
            "xxhash", Map.of("ackbench.partitioner.null.key", "sticky"));

        assertThat(((KeyHashPartitioner)partitioner).nullKeyPartitioner()).isInstanceOf(StickyPartitioner.class);
    }

    @Test
    void configuresWhatItCreates() {
        final Partitioner builtIn = Partitioners.create("uniform-sticky", Map.of("batch.size", "512"));
        final Partitioner custom = Partitioners.create(
            Map.of("partitioner.class", PartitionerFixtures.AlwaysLast.class.getName(), "batch.size", "512"));

        assertThat(((UniformStickyPartitioner)builtIn).stickyBatchSize()).isEqualTo(512);
        assertThat(((PartitionerFixtures.AlwaysLast)custom).batchSize).isEqualTo("512");
        assertThat(custom.partition(null, 0, -1, 7)).isEqualTo(6);
    }

    @Test
    void rejectsAnUnknownNameSayingWhatIsAllowed() {
        assertThatThrownBy(() -> Partitioners.create("murmur", Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("Invalid value 'murmur' for configuration partitioner.class: it is neither a " +
                "built-in partitioner nor a class that could be loaded (java.lang.ClassNotFoundException: murmur)")
            .hasMessageEndingWith(ALLOWED)
            .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void rejectsAClassThatIsNotAPartitioner() {
        assertThatThrownBy(() -> Partitioners.create("java.lang.String", Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value 'java.lang.String' for configuration partitioner.class: class java.lang.String " +
                "does not implement io.ackbench.partition.Partitioner. " + ALLOWED);
    }

    @Test
    void rejectsAClassWithoutAPublicNoArgConstructor() {
        final String name = PartitionerFixtures.NeedsArgument.class.getName();

        assertThatThrownBy(() -> Partitioners.create(name, Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value '" + name + "' for configuration partitioner.class: class " + name +
                " has no public no-arg constructor. " + ALLOWED);
        assertThatThrownBy(() -> Partitioners.create(KeyHashPartitioner.class.getName(), Map.of()))
            .hasMessageContaining("has no public no-arg constructor");
    }

    @Test
    void rejectsAClassThatIsNotPublic() {
        final String name = "io.ackbench.partition.fixtures.PartitionerFixtures$NotPublic";

        assertThatThrownBy(() -> Partitioners.create(name, Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value '" + name + "' for configuration partitioner.class: class " + name +
                " is not public. " + ALLOWED);
    }

    @Test
    void rejectsAbstractClassesAndInterfaces() {
        final String name = PartitionerFixtures.Abstract.class.getName();

        assertThatThrownBy(() -> Partitioners.create(name, Map.of()))
            .hasMessageContaining("class " + name + " is abstract and cannot be instantiated");
        assertThatThrownBy(() -> Partitioners.create(Partitioner.class.getName(), Map.of()))
            .hasMessageContaining("class io.ackbench.partition.Partitioner is abstract and cannot be instantiated");
    }

    @Test
    void reportsAConstructorThatThrows() {
        final String name = PartitionerFixtures.FailsToConstruct.class.getName();

        assertThatThrownBy(() -> Partitioners.create(name, Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("for configuration partitioner.class: the no-arg constructor of " + name +
                " threw java.lang.IllegalStateException: no cluster metadata")
            .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAnEmptyName() {
        assertThatThrownBy(() -> Partitioners.create(" ", Map.of()))
            .hasMessage("Invalid value ' ' for configuration partitioner.class: it is empty. " + ALLOWED);
        assertThatThrownBy(() -> Partitioners.create(null, Map.of()))
            .hasMessageStartingWith("Invalid value 'null' for configuration partitioner.class: it is empty.");
    }

    @Test
    void rejectsANullKeyStrategyThatUsesKeys() {
        assertThatThrownBy(() -> Partitioners.create("murmur2", Map.of("ackbench.partitioner.null.key", "murmur3")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Invalid value 'murmur3' for configuration ackbench.partitioner.null.key: must be one of " +
                "[round-robin, sticky, uniform-sticky]");
    }
}
