package io.ackbench.partition;

import org.agrona.DirectBuffer;

/**
 * A 32-bit hash of a key's bytes, as used for keyed partitioning.
 *
 * <p>Implementations are stateless, thread-safe and allocation-free.
 */
@FunctionalInterface
public interface KeyHash {
    /**
     * Hashes {@code length} bytes of {@code buffer} starting at {@code offset}.
     *
     * @param buffer holding the key.
     * @param offset of the first key byte.
     * @param length of the key in bytes, at least 0.
     * @return the hash as a signed int.
     * @throws IndexOutOfBoundsException if the range is not inside the buffer.
     */
    int hash(DirectBuffer buffer, int offset, int length);
}
