package io.ackbench.partition;

import org.agrona.DirectBuffer;

/**
 * CRC-32C (Castagnoli, reflected polynomial {@code 0x82f63b78}, initial value and final xor {@code 0xffffffff}), the
 * checksum of {@code java.util.zip.CRC32C} and of Kafka's RecordBatch, used here as a key hash.
 *
 * <p>Table-driven, eight bytes per step ("slicing-by-8"), because {@code java.util.zip.CRC32C} is a stateful object
 * and reads off-heap memory only through a {@code ByteBuffer}, which would need a per-call instance or view.
 */
public final class Crc32c implements KeyHash
{
    /** The one instance; the hash has no state. */
    public static final Crc32c INSTANCE = new Crc32c();

    private static final int REFLECTED_POLYNOMIAL = 0x82f63b78;
    private static final int TABLE_SIZE = 256;

    /**
     * Eight tables of 256 entries, back to back. Table 0 advances the CRC by one byte; table k by one byte followed
     * by k zero bytes, so eight bytes fold in with eight independent lookups.
     */
    private static final int[] TABLES = buildTables();

    private Crc32c()
    {
    }

    @Override
    public int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        final long start = KeyBytes.start(buffer, offset, length);
        final int[] t = TABLES;
        int crc = 0xffffffff;
        int i = 0;

        for (; i <= length - 8; i += 8)
        {
            final long word = KeyBytes.longLE(array, start + i);
            final int low = crc ^ (int)word;
            final int high = (int)(word >>> 32);
            crc = t[7 * TABLE_SIZE + (low & 0xff)] ^
                t[6 * TABLE_SIZE + ((low >>> 8) & 0xff)] ^
                t[5 * TABLE_SIZE + ((low >>> 16) & 0xff)] ^
                t[4 * TABLE_SIZE + (low >>> 24)] ^
                t[3 * TABLE_SIZE + (high & 0xff)] ^
                t[2 * TABLE_SIZE + ((high >>> 8) & 0xff)] ^
                t[TABLE_SIZE + ((high >>> 16) & 0xff)] ^
                t[high >>> 24];
        }
        for (; i < length; i++)
        {
            crc = t[(crc ^ KeyBytes.unsignedByte(array, start + i)) & 0xff] ^ (crc >>> 8);
        }

        return ~crc;
    }

    private static int[] buildTables()
    {
        final int[] tables = new int[8 * TABLE_SIZE];
        for (int n = 0; n < TABLE_SIZE; n++)
        {
            int crc = n;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            tables[n] = crc;
        }
        for (int k = 1; k < 8; k++)
        {
            for (int n = 0; n < TABLE_SIZE; n++)
            {
                final int previous = tables[(k - 1) * TABLE_SIZE + n];
                tables[k * TABLE_SIZE + n] = (previous >>> 8) ^ tables[previous & 0xff];
            }
        }
        return tables;
    }
}
