package io.ackbench.broker;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

/**
 * The leader's checks on a client's batch before it is appended (kafka-semantics.md §1.6, Kafka's LogValidator and
 * ProduceRequest.validateRecords): exactly one magic-2 batch, an intact CRC, a base offset of 0, a record count
 * matching lastOffsetDelta + 1, no control batch, a base sequence when a producer id is set, and a size within
 * message.max.bytes; then, with {@code ackbench.validate.records} on, every record ({@link RecordValidator}), with the
 * wall clock read once for the batch. Returns Kafka's error code; after {@link ErrorCode#NONE} the batch's fields are
 * readable through {@link #batch()}. One instance per broker thread.
 */
final class BatchValidator {
    private final Crc32c crc = new Crc32c();
    private final RecordBatchReader reader = new RecordBatchReader(crc);
    private final int messageMaxBytes;
    /** Null when records are not walked. */
    private final RecordValidator records;
    private final EpochClock wallClock;

    BatchValidator(final BrokerConfig config, final EpochClock wallClock) {
        this.messageMaxBytes = config.messageMaxBytes();
        this.records = config.validateRecords() ? new RecordValidator(config.messageTimestampBeforeMaxMs(),
            config.messageTimestampAfterMaxMs(), crc) : null;
        this.wallClock = wallClock;
    }

    short validate(final DirectBuffer buffer, final int offset, final int length) {
        if (length > messageMaxBytes) {
            return ErrorCode.MESSAGE_TOO_LARGE;
        }
        try {
            reader.wrap(buffer, offset, length);
        } catch (final CorruptRecordBatchException e) {
            return e.check() == CorruptRecordBatchException.Check.CRC ? ErrorCode.CORRUPT_MESSAGE
                : ErrorCode.INVALID_RECORD;
        }
        if (reader.sizeInBytes() != length
            || reader.baseOffset() != 0
            || reader.recordCount() <= 0
            || reader.lastOffsetDelta() + 1 != reader.recordCount()
            || reader.isControl()
            || reader.producerId() != RecordBatchLayout.NO_PRODUCER_ID && reader.baseSequence() < 0) {
            return ErrorCode.INVALID_RECORD;
        }
        return records == null ? ErrorCode.NONE : records.validate(reader, wallClock.time());
    }

    /** The batch last validated with {@link ErrorCode#NONE}. */
    RecordBatchReader batch() {
        return reader;
    }
}
