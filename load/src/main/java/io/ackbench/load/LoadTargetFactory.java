package io.ackbench.load;

/**
 * Makes a {@link LoadTarget} other than ackbench's own from the command line's options; found with
 * {@link java.util.ServiceLoader}, so that core need not know Apache Kafka's client (the {@code kafka} module
 * registers its factory in {@code META-INF/services}).
 */
public interface LoadTargetFactory {
    /** The name {@code --target} selects it by. */
    String name();

    /**
     * @throws UsageException if an option does not apply to this target
     */
    LoadTarget create(PerfOptions options);
}
