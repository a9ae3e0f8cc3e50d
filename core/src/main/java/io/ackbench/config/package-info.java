/**
 * Configuration by Kafka's names: {@link io.ackbench.config.ConfigReader} reads a map of settings and checks every
 * key and value up front, and {@link io.ackbench.config.ConfigException} names the key, the value given and what is
 * allowed. {@link io.ackbench.config.IdleStrategies} turns {@code ackbench.idle.strategy} into the Agrona idle
 * strategy a sender or broker thread waits with; its default backs off to parking, because the machines have 2
 * cores.
 *
 * <p>Used by whichever thread builds a producer's or a broker's configuration, before their threads start. The
 * configurations built from it are immutable. Each service thread gets its own idle strategy instance.
 *
 * <p>No record passes through this package.
 */
package io.ackbench.config;
