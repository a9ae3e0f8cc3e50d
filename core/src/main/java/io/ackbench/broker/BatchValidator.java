package io.ackbench.broker;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.transport.ErrorCode;
import org.agrona.DirectBuffer;

/**
 * The leader's checks on a client's batch before it is appended (kafka-semantics.md §1.6, Kafka's LogValidator and
 * ProduceRequest.validateRecords): exactly one magic-2 batch, an intact CRC, a base offset of 0, a record count
 * matching lastOffsetDelta + 1, no control batch, a base sequence when a producer id is set, and a size within
 * message.max.bytes. Returns Kafka's error code; after {@link ErrorCode#NONE} the batch's fields are readable
 * through {@link #batch()}. One instance per broker thread.
 */
final class BatchValidator {
    private final RecordBatchReader reader = new RecordBatchReader();
    private final int messageMaxBytes;

    BatchValidator(final int messageMaxBytes) {
        this.messageMaxBytes = messageMaxBytes;
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
        return ErrorCode.NONE;
    }

    /** The batch last validated with {@link ErrorCode#NONE}. */
    RecordBatchReader batch() {
        return reader;
    }
}
