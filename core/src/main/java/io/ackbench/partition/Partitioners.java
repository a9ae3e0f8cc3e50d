package io.ackbench.partition;

import io.ackbench.config.ConfigException;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates the partitioner named by {@code partitioner.class}, like Kafka's producer does: a built-in alias
 * ({@code round-robin}, {@code sticky}, {@code uniform-sticky}, {@code murmur2}, {@code murmur3}, {@code xxhash},
 * {@code crc32c}) or the fully qualified name of a class implementing {@link Partitioner} with a public no-arg
 * constructor. The result is configured with the same configs before it is returned.
 */
public final class Partitioners {
    /** Kafka's config naming the partitioner. */
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";

    /**
     * ackbench's own config (Kafka has none): the strategy for records without a key when a key-hash alias is used.
     * One of {@code uniform-sticky} (default, Kafka 3.3+), {@code sticky} (Kafka 2.4 to 3.2) or {@code round-robin}
     * (Kafka up to 2.3).
     */
    public static final String NULL_KEY_PARTITIONER_CONFIG = "ackbench.partitioner.null.key";

    /** The partitioning Kafka uses when {@code partitioner.class} is not set: murmur2 for keys, uniform sticky without. */
    public static final String DEFAULT_PARTITIONER = PartitionStrategy.MURMUR2.alias();

    private Partitioners() {
    }

    /**
     * Creates the partitioner named by the {@code partitioner.class} entry of {@code configs}, or Kafka's default
     * ({@code murmur2}) when there is none.
     *
     * @param configs producer configs by Kafka name.
     * @return a configured partitioner.
     * @throws IllegalArgumentException naming the config, the bad value and what is allowed.
     */
    public static Partitioner create(final Map<String, String> configs) {
        return create(configs.getOrDefault(PARTITIONER_CLASS_CONFIG, DEFAULT_PARTITIONER), configs);
    }

    /**
     * Creates and configures a partitioner.
     *
     * @param nameOrClass a built-in alias or a fully qualified class name.
     * @param configs     producer configs by Kafka name, passed to {@link Partitioner#configure}.
     * @return a configured partitioner.
     * @throws IllegalArgumentException naming {@code partitioner.class}, the bad value and what is allowed.
     */
    public static Partitioner create(final String nameOrClass, final Map<String, String> configs) {
        if (nameOrClass == null || nameOrClass.isBlank()) {
            throw invalidClass(String.valueOf(nameOrClass), "it is empty");
        }

        final String name = nameOrClass.trim();
        final PartitionStrategy nullKeyStrategy = nullKeyStrategy(configs);
        final PartitionStrategy strategy = PartitionStrategy.forAlias(name);
        final Partitioner partitioner = strategy != null ?
            strategy.create(ThreadLocalRandom.current().nextLong(), nullKeyStrategy) :
            instantiate(name, loadPartitionerClass(name));
        partitioner.configure(configs);
        return partitioner;
    }

    /**
     * @return the aliases and the class rule, as quoted in error messages.
     */
    static String allowedValues() {
        return "one of " + aliases(false) + ", or the fully qualified name of a public class implementing " +
            Partitioner.class.getName() + " with a public no-arg constructor";
    }

    private static PartitionStrategy nullKeyStrategy(final Map<String, String> configs) {
        final String value = configs.get(NULL_KEY_PARTITIONER_CONFIG);
        if (value == null) {
            return PartitionStrategy.UNIFORM_STICKY;
        }
        final PartitionStrategy strategy = PartitionStrategy.forAlias(value.trim());
        if (strategy == null || strategy.usesKeys()) {
            throw new ConfigException(NULL_KEY_PARTITIONER_CONFIG, value, "must be one of " + aliases(true));
        }
        return strategy;
    }

    private static List<String> aliases(final boolean keylessOnly) {
        final List<String> aliases = new ArrayList<>();
        for (final PartitionStrategy strategy : PartitionStrategy.values()) {
            if (!keylessOnly || !strategy.usesKeys()) {
                aliases.add(strategy.alias());
            }
        }
        return aliases;
    }

    private static Class<?> loadPartitionerClass(final String className) {
        final Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (final ClassNotFoundException | LinkageError ex) {
            throw invalidClass(className, "it is neither a built-in partitioner nor a class that could be loaded (" +
                ex + ")", ex);
        }

        if (!Partitioner.class.isAssignableFrom(type)) {
            throw invalidClass(className, "class " + type.getName() + " does not implement " +
                Partitioner.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw invalidClass(className, "class " + type.getName() + " is abstract and cannot be instantiated");
        }
        return type;
    }

    private static Partitioner instantiate(final String className, final Class<?> type) {
        final Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (final NoSuchMethodException ex) {
            throw invalidClass(className, "class " + type.getName() + " has no public no-arg constructor", ex);
        }

        try {
            return (Partitioner)constructor.newInstance();
        } catch (final IllegalAccessException ex) {
            throw invalidClass(className, "class " + type.getName() + " is not public", ex);
        } catch (final InvocationTargetException ex) {
            throw invalidClass(className, "the no-arg constructor of " + type.getName() + " threw " +
                ex.getCause(), ex.getCause());
        } catch (final InstantiationException ex) {
            throw invalidClass(className, "class " + type.getName() + " cannot be instantiated", ex);
        }
    }

    private static ClassLoader classLoader() {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Partitioners.class.getClassLoader();
    }

    private static IllegalArgumentException invalidClass(final String value, final String reason) {
        return invalidClass(value, reason, null);
    }

    private static IllegalArgumentException invalidClass(final String value, final String reason, final Throwable cause) {
        final IllegalArgumentException ex = new ConfigException(
            PARTITIONER_CLASS_CONFIG, value, reason + ". Allowed: " + allowedValues());
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }
}
