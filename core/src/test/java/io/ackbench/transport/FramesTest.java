package io.ackbench.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every frame type survives encode then decode with its exact field values, and every length or count that does
 * not fit the received bytes is refused with a {@link MalformedFrameException} naming the field and the numbers.
 * Frames are written at a non-zero offset of a larger buffer so that a decoder reading from index 0 would show.
 */
class FramesTest {
    /** Where each frame starts in its buffer: odd, so that any offset arithmetic that forgets it shows. */
    private static final int AT = 7;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    private static UnsafeBuffer bytes(final int length, final int seed) {
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++) {
            bytes.putByte(i, (byte) (seed + i * 31));
        }
        return bytes;
    }

    @Nested
    class Header {
        @Test
        void headerFieldsRoundTrip() {
            FrameHeader.write(buffer, AT, FrameHeader.FETCH_RESPONSE, 0x12345678, 255);

            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.FETCH_RESPONSE);
            assertThat(FrameHeader.version(buffer, AT)).isEqualTo(FrameHeader.CURRENT_VERSION).isZero();
            assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(0x12345678);
            assertThat(FrameHeader.source(buffer, AT)).isEqualTo(255);
        }

        @Test
        void headerIsKafkaOrderApiKeyVersionCorrelationIdThenSource() {
            buffer.setMemory(0, 64, (byte) 0x5A);
            FrameHeader.write(buffer, AT, FrameHeader.PRODUCE_REQUEST, 0x01020304, 3);

            assertThat(FrameHeader.LENGTH).isEqualTo(12);
            assertThat(buffer.getShort(AT)).isEqualTo(FrameHeader.PRODUCE_REQUEST);
            assertThat(buffer.getShort(AT + 2)).isEqualTo((short) 0);
            assertThat(buffer.getInt(AT + 4)).isEqualTo(0x01020304);
            assertThat(buffer.getInt(AT + 8)).isEqualTo(3);
            assertThat(buffer.getByte(AT + 12)).isEqualTo((byte) 0x5A);
        }

        @Test
        void frameTypesAreDistinct() {
            assertThat(new short[] {FrameHeader.PRODUCE_REQUEST, FrameHeader.PRODUCE_RESPONSE,
                FrameHeader.FETCH_REQUEST, FrameHeader.FETCH_RESPONSE, FrameHeader.INIT_PRODUCER_ID_REQUEST,
                FrameHeader.INIT_PRODUCER_ID_RESPONSE, FrameHeader.HANDSHAKE}).doesNotHaveDuplicates();
        }
    }

    @Nested
    class Produce {
        @Test
        void requestWithSeveralBatchesRoundTrips() {
            final UnsafeBuffer first = bytes(70, 1);
            final UnsafeBuffer second = bytes(0, 2);
            final UnsafeBuffer third = bytes(129, 3);
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, 1000, 42, 9, (short) -1, 30_000);
            encoder.addBatch(0, first, 0, 70);
            encoder.addBatch(5, second, 0, 0);
            encoder.addBatch(2, third, 0, 129);
            final int length = encoder.encodedLength();
            assertThat(length).isEqualTo(ProduceRequest.ENTRIES_OFFSET + 3 * ProduceRequest.ENTRY_HEADER_LENGTH
                + 70 + 0 + 129);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.PRODUCE_REQUEST);

            final ProduceRequest decoded = new ProduceRequest().wrapForDecode(buffer, AT, length);
            assertThat(decoded.correlationId()).isEqualTo(42);
            assertThat(decoded.source()).isEqualTo(9);
            assertThat(decoded.acks()).isEqualTo((short) -1);
            assertThat(decoded.timeoutMs()).isEqualTo(30_000);
            assertThat(decoded.entryCount()).isEqualTo(3);

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isZero();
            assertThat(decoded.batchLength()).isEqualTo(70);
            assertThat(decoded.batchOffset()).isEqualTo(AT + ProduceRequest.ENTRIES_OFFSET
                + ProduceRequest.ENTRY_HEADER_LENGTH);
            assertSameBytes(decoded, first);

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isEqualTo(5);
            assertThat(decoded.batchLength()).isZero();

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isEqualTo(2);
            assertThat(decoded.batchLength()).isEqualTo(129);
            assertSameBytes(decoded, third);

            assertThat(decoded.nextEntry()).isFalse();
            assertThat(decoded.nextEntry()).isFalse();
        }

        private void assertSameBytes(final ProduceRequest decoded, final UnsafeBuffer expected) {
            final byte[] actual = new byte[decoded.batchLength()];
            decoded.buffer().getBytes(decoded.batchOffset(), actual);
            assertThat(actual).isEqualTo(expected.byteArray());
        }

        @Test
        void requestWithoutEntriesRoundTrips() {
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, 100, -3, 0, (short) 1, 0);
            assertThat(encoder.encodedLength()).isEqualTo(ProduceRequest.ENTRIES_OFFSET);

            final ProduceRequest decoded = new ProduceRequest()
                .wrapForDecode(buffer, AT, ProduceRequest.ENTRIES_OFFSET);
            assertThat(decoded.correlationId()).isEqualTo(-3);
            assertThat(decoded.acks()).isEqualTo((short) 1);
            assertThat(decoded.entryCount()).isZero();
            assertThat(decoded.nextEntry()).isFalse();
        }

        @Test
        void batchThatDoesNotFitTheRequestIsRefusedOnEncode() {
            final int capacity = ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_HEADER_LENGTH + 50;
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, capacity, 1, 1, (short) 1, 100);
            assertThat(encoder.hasRoomFor(50)).isTrue();
            assertThat(encoder.hasRoomFor(51)).isFalse();

            assertThatThrownBy(() -> encoder.addBatch(0, bytes(51, 0), 0, 51))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A 51-byte batch does not fit the request: 58 bytes left");
            assertThat(encoder.encodedLength()).isEqualTo(ProduceRequest.ENTRIES_OFFSET);
        }

        @Test
        void shortRequestIsMalformed() {
            assertThatThrownBy(() -> new ProduceRequest().wrapForDecode(buffer, AT, 21))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce request of 21 bytes is shorter than its 22-byte fixed part");
        }

        @Test
        void negativeEntryCountIsMalformed() {
            new ProduceRequest().wrapForEncode(buffer, AT, 100, 1, 1, (short) 1, 100);
            buffer.putInt(AT + ProduceRequest.ENTRY_COUNT_OFFSET, -2);

            assertThatThrownBy(() -> new ProduceRequest().wrapForDecode(buffer, AT, ProduceRequest.ENTRIES_OFFSET))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce request entry count -2 is negative");
        }

        @Test
        void entryWhoseBatchRunsPastTheFrameIsMalformed() {
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, 1000, 1, 1, (short) 1, 100);
            encoder.addBatch(3, bytes(40, 0), 0, 40);
            final int length = encoder.encodedLength();
            // The entry still says 40 batch bytes; only 39 arrive.
            final ProduceRequest decoded = new ProduceRequest().wrapForDecode(buffer, AT, length - 1);

            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce request entry for partition 3 declares 40 batch bytes at byte 30;"
                    + " the frame has 39 left");
        }

        @Test
        void entryWithNegativeBatchLengthIsMalformed() {
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, 1000, 1, 1, (short) 1, 100);
            encoder.addBatch(4, bytes(16, 0), 0, 16);
            buffer.putInt(AT + ProduceRequest.ENTRIES_OFFSET + ProduceRequest.ENTRY_LENGTH_OFFSET, -1);
            final ProduceRequest decoded = new ProduceRequest().wrapForDecode(buffer, AT, encoder.encodedLength());

            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce request entry for partition 4 declares -1 batch bytes at byte 30;"
                    + " the frame has 16 left");
        }

        @Test
        void entryCountAboveTheEntriesPresentIsMalformedAtTheMissingEntry() {
            final ProduceRequest encoder = new ProduceRequest()
                .wrapForEncode(buffer, AT, 1000, 1, 1, (short) 1, 100);
            encoder.addBatch(0, bytes(10, 0), 0, 10);
            final int length = encoder.encodedLength();
            buffer.putInt(AT + ProduceRequest.ENTRY_COUNT_OFFSET, 2);
            final ProduceRequest decoded = new ProduceRequest().wrapForDecode(buffer, AT, length);

            assertThat(decoded.nextEntry()).isTrue();
            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce request entry header at byte 40 runs past the frame's 40 bytes");
        }

        @Test
        void responseWithSeveralEntriesRoundTrips() {
            final ProduceResponse encoder = new ProduceResponse().wrapForEncode(buffer, AT, 77, 2);
            encoder.add(0, ErrorCode.NONE, 123_456_789_012L);
            encoder.add(4, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
            encoder.add(1, ErrorCode.REQUEST_TIMED_OUT, -1);
            final int length = encoder.encodedLength();
            assertThat(length).isEqualTo(ProduceResponse.lengthFor(3)).isEqualTo(32 + 3 * 30);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.PRODUCE_RESPONSE);
            assertThat(FrameHeader.source(buffer, AT)).isEqualTo(2);

            final ProduceResponse decoded = new ProduceResponse().wrapForDecode(buffer, AT, length);
            assertThat(decoded.correlationId()).isEqualTo(77);
            assertThat(decoded.entryCount()).isEqualTo(3);
            assertThat(decoded.partition(0)).isZero();
            assertThat(decoded.errorCode(0)).isEqualTo(ErrorCode.NONE);
            assertThat(decoded.baseOffset(0)).isEqualTo(123_456_789_012L);
            assertThat(decoded.partition(1)).isEqualTo(4);
            assertThat(decoded.errorCode(1)).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
            assertThat(decoded.baseOffset(1)).isEqualTo(-1);
            assertThat(decoded.partition(2)).isEqualTo(1);
            assertThat(decoded.errorCode(2)).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);
            assertThat(decoded.baseOffset(2)).isEqualTo(-1);
            assertThat(decoded.leaderReadNanos()).isEqualTo(ProduceResponse.NO_TIME);
            assertThat(decoded.writtenNanos()).isEqualTo(ProduceResponse.NO_TIME);
            assertThat(decoded.appendedNanos(1)).isEqualTo(ProduceResponse.NO_TIME);
            assertThat(decoded.committedNanos(1)).isEqualTo(ProduceResponse.NO_TIME);
        }

        @Test
        void responseCarriesTheLeadersTimes() {
            final ProduceResponse encoder = new ProduceResponse().wrapForEncode(buffer, AT, 5, 1);
            encoder.leaderReadNanos(-7_000L);
            encoder.add(3, ErrorCode.NONE, 40, -6_500L, -2_000L);
            encoder.add(2, ErrorCode.NONE, 90, -6_000L, -6_000L);
            encoder.writtenNanos(-1_000L);

            final ProduceResponse decoded = new ProduceResponse().wrapForDecode(buffer, AT, encoder.encodedLength());
            assertThat(decoded.entryCount()).isEqualTo(2);
            assertThat(decoded.leaderReadNanos()).isEqualTo(-7_000L);
            assertThat(decoded.writtenNanos()).isEqualTo(-1_000L);
            assertThat(decoded.partition(0)).isEqualTo(3);
            assertThat(decoded.baseOffset(0)).isEqualTo(40);
            assertThat(decoded.appendedNanos(0)).isEqualTo(-6_500L);
            assertThat(decoded.committedNanos(0)).isEqualTo(-2_000L);
            assertThat(decoded.partition(1)).isEqualTo(2);
            assertThat(decoded.baseOffset(1)).isEqualTo(90);
            assertThat(decoded.appendedNanos(1)).isEqualTo(-6_000L);
            assertThat(decoded.committedNanos(1)).isEqualTo(-6_000L);
            assertThat(buffer.getLong(AT + ProduceResponse.ENTRIES_OFFSET + ProduceResponse.ENTRY_LENGTH
                + ProduceResponse.ENTRY_COMMITTED_NANOS_OFFSET)).isEqualTo(-6_000L);
        }

        @Test
        void shortResponseIsMalformed() {
            assertThatThrownBy(() -> new ProduceResponse().wrapForDecode(buffer, AT, 31))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce response of 31 bytes is shorter than its 32-byte fixed part");
        }

        @Test
        void responseWithNegativeEntryCountIsMalformed() {
            new ProduceResponse().wrapForEncode(buffer, AT, 1, 0);
            buffer.putInt(AT + ProduceResponse.ENTRY_COUNT_OFFSET, -1);

            assertThatThrownBy(() -> new ProduceResponse().wrapForDecode(buffer, AT, 100))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce response declares -1 entries; 100 bytes hold at most 2");
        }

        @Test
        void responseWhoseEntriesRunPastTheFrameIsMalformed() {
            final ProduceResponse encoder = new ProduceResponse().wrapForEncode(buffer, AT, 1, 0);
            encoder.add(0, ErrorCode.NONE, 0);
            encoder.add(1, ErrorCode.NONE, 0);

            assertThatThrownBy(() -> new ProduceResponse().wrapForDecode(buffer, AT, encoder.encodedLength() - 1))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce response declares 2 entries; 91 bytes hold at most 1");
        }

        @Test
        void responseEntryCountThatWouldOverflowIsMalformed() {
            new ProduceResponse().wrapForEncode(buffer, AT, 1, 0);
            buffer.putInt(AT + ProduceResponse.ENTRY_COUNT_OFFSET, Integer.MAX_VALUE);

            assertThatThrownBy(() -> new ProduceResponse().wrapForDecode(buffer, AT, 62))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Produce response declares 2147483647 entries; 62 bytes hold at most 1");
        }
    }

    @Nested
    class Fetch {
        @Test
        void requestWithSeveralPartitionsRoundTrips() {
            final FetchRequest encoder = new FetchRequest().wrapForEncode(buffer, AT, 5, 2, 500, 1_048_576);
            encoder.add(2, 0);
            encoder.add(5, 3, 9_876_543_210L, 2);
            encoder.add(8, 17);
            final int length = encoder.encodedLength();
            assertThat(length).isEqualTo(24 + 3 * 20);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.FETCH_REQUEST);

            final FetchRequest decoded = new FetchRequest().wrapForDecode(buffer, AT, length);
            assertThat(decoded.correlationId()).isEqualTo(5);
            assertThat(decoded.source()).isEqualTo(2);
            assertThat(decoded.maxWaitMs()).isEqualTo(500);
            assertThat(decoded.maxBytes()).isEqualTo(1_048_576);
            assertThat(decoded.entryCount()).isEqualTo(3);
            assertThat(decoded.partition(0)).isEqualTo(2);
            assertThat(decoded.fetchOffset(0)).isZero();
            assertThat(decoded.partition(1)).isEqualTo(5);
            assertThat(decoded.fetchOffset(1)).isEqualTo(9_876_543_210L);
            assertThat(decoded.currentLeaderEpoch(1)).isEqualTo(3);
            assertThat(decoded.lastFetchedEpoch(1)).isEqualTo(2);
            assertThat(decoded.currentLeaderEpoch(0)).isEqualTo(FetchRequest.NO_EPOCH);
            assertThat(decoded.lastFetchedEpoch(2)).isEqualTo(FetchRequest.NO_EPOCH);
            assertThat(decoded.partition(2)).isEqualTo(8);
            assertThat(decoded.fetchOffset(2)).isEqualTo(17);
        }

        @Test
        void shortRequestIsMalformed() {
            assertThatThrownBy(() -> new FetchRequest().wrapForDecode(buffer, AT, 23))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch request of 23 bytes is shorter than its 24-byte fixed part");
        }

        @Test
        void requestWithNegativeEntryCountIsMalformed() {
            new FetchRequest().wrapForEncode(buffer, AT, 1, 1, 0, 0);
            buffer.putInt(AT + FetchRequest.ENTRY_COUNT_OFFSET, -7);

            assertThatThrownBy(() -> new FetchRequest().wrapForDecode(buffer, AT, 24))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch request declares -7 entries; 24 bytes hold at most 0");
        }

        @Test
        void requestWhoseEntriesRunPastTheFrameIsMalformed() {
            final FetchRequest encoder = new FetchRequest().wrapForEncode(buffer, AT, 1, 1, 0, 0);
            encoder.add(0, 1);
            encoder.add(1, 2);

            assertThatThrownBy(() -> new FetchRequest().wrapForDecode(buffer, AT, encoder.encodedLength() - 1))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch request declares 2 entries; 63 bytes hold at most 1");
        }

        @Test
        void responseWithSeveralPartitionsRoundTrips() {
            final UnsafeBuffer records = bytes(90, 4);
            final FetchResponse encoder = new FetchResponse().wrapForEncode(buffer, AT, 1000, 31, 1);
            assertThat(encoder.hasRoomForEntry()).isTrue();
            encoder.beginEntry(0, ErrorCode.NONE, 1234);
            assertThat(encoder.recordsOffset()).isEqualTo(AT + FetchResponse.ENTRIES_OFFSET
                + FetchResponse.ENTRY_HEADER_LENGTH);
            assertThat(encoder.roomForRecords()).isEqualTo(1000 - 16 - 30);
            buffer.putBytes(encoder.recordsOffset(), records, 0, 90);
            encoder.endEntry(90);
            encoder.beginEntry(3, ErrorCode.NONE, 7);
            encoder.diverging(4, 123_456L);
            encoder.endEntry(0);
            encoder.beginEntry(6, ErrorCode.NONE, 5_000_000_000L);
            buffer.putBytes(encoder.recordsOffset(), records, 10, 20);
            encoder.endEntry(20);
            final int length = encoder.encodedLength();
            assertThat(length).isEqualTo(16 + 3 * 30 + 90 + 20);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.FETCH_RESPONSE);

            final FetchResponse decoded = new FetchResponse().wrapForDecode(buffer, AT, length);
            assertThat(decoded.correlationId()).isEqualTo(31);
            assertThat(decoded.source()).isEqualTo(1);

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isZero();
            assertThat(decoded.errorCode()).isEqualTo(ErrorCode.NONE);
            assertThat(decoded.highWatermark()).isEqualTo(1234);
            assertThat(decoded.isDiverging()).isFalse();
            assertThat(decoded.divergingEpoch()).isEqualTo(FetchResponse.NO_DIVERGENCE);
            assertThat(decoded.recordsLength()).isEqualTo(90);
            assertThat(copy(decoded)).isEqualTo(records.byteArray());

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isEqualTo(3);
            assertThat(decoded.errorCode()).isEqualTo(ErrorCode.NONE);
            assertThat(decoded.highWatermark()).isEqualTo(7);
            assertThat(decoded.isDiverging()).isTrue();
            assertThat(decoded.divergingEpoch()).isEqualTo(4);
            assertThat(decoded.divergingEndOffset()).isEqualTo(123_456L);
            assertThat(decoded.recordsLength()).isZero();

            assertThat(decoded.nextEntry()).isTrue();
            assertThat(decoded.partition()).isEqualTo(6);
            assertThat(decoded.highWatermark()).isEqualTo(5_000_000_000L);
            assertThat(decoded.recordsLength()).isEqualTo(20);
            final byte[] expected = new byte[20];
            records.getBytes(10, expected);
            assertThat(copy(decoded)).isEqualTo(expected);

            assertThat(decoded.nextEntry()).isFalse();
        }

        private byte[] copy(final FetchResponse decoded) {
            final byte[] bytes = new byte[decoded.recordsLength()];
            decoded.buffer().getBytes(decoded.recordsOffset(), bytes);
            return bytes;
        }

        @Test
        void responseWithNoRoomForAnotherEntryRefusesItOnEncode() {
            final FetchResponse encoder = new FetchResponse().wrapForEncode(buffer, AT, 16 + FetchResponse.ENTRY_HEADER_LENGTH + 17, 1, 0);
            encoder.beginEntry(0, ErrorCode.NONE, 0);
            encoder.endEntry(0);
            assertThat(encoder.hasRoomForEntry()).isFalse();

            assertThatThrownBy(() -> encoder.beginEntry(1, ErrorCode.NONE, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No room for another fetch response entry");
        }

        @Test
        void shortResponseIsMalformed() {
            assertThatThrownBy(() -> new FetchResponse().wrapForDecode(buffer, AT, 9))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch response of 9 bytes is shorter than its 16-byte fixed part");
        }

        @Test
        void responseWithNegativeEntryCountIsMalformed() {
            new FetchResponse().wrapForEncode(buffer, AT, 100, 1, 0);
            buffer.putInt(AT + FetchResponse.ENTRY_COUNT_OFFSET, Integer.MIN_VALUE);

            assertThatThrownBy(() -> new FetchResponse().wrapForDecode(buffer, AT, 16))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch response entry count -2147483648 is negative");
        }

        @Test
        void responseEntryWhoseRecordsRunPastTheFrameIsMalformed() {
            final FetchResponse encoder = new FetchResponse().wrapForEncode(buffer, AT, 1000, 1, 0);
            encoder.beginEntry(2, ErrorCode.NONE, 10);
            encoder.endEntry(64);
            final FetchResponse decoded = new FetchResponse().wrapForDecode(buffer, AT, encoder.encodedLength() - 10);

            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch response entry for partition 2 declares 64 bytes; the frame has 54 left");
        }

        @Test
        void responseEntryWithNegativeRecordsLengthIsMalformed() {
            final FetchResponse encoder = new FetchResponse().wrapForEncode(buffer, AT, 1000, 1, 0);
            encoder.beginEntry(1, ErrorCode.NONE, 10);
            encoder.endEntry(0);
            buffer.putInt(AT + FetchResponse.ENTRIES_OFFSET + FetchResponse.ENTRY_LENGTH_OFFSET, -5);
            final FetchResponse decoded = new FetchResponse().wrapForDecode(buffer, AT, encoder.encodedLength());

            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch response entry for partition 1 declares -5 bytes; the frame has 0 left");
        }

        @Test
        void responseEntryHeaderRunningPastTheFrameIsMalformed() {
            final FetchResponse encoder = new FetchResponse().wrapForEncode(buffer, AT, 1000, 1, 0);
            encoder.beginEntry(1, ErrorCode.NONE, 10);
            encoder.endEntry(0);
            final FetchResponse decoded = new FetchResponse().wrapForDecode(buffer, AT, 16 + 17);

            assertThatThrownBy(decoded::nextEntry)
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Fetch response entry header at byte 16 runs past the frame's 33 bytes");
        }
    }

    @Nested
    class InitProducerIdFrames {
        @Test
        void requestIsABareHeader() {
            final int length = InitProducerId.encodeRequest(buffer, AT, 12, 40);

            assertThat(length).isEqualTo(FrameHeader.LENGTH);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.INIT_PRODUCER_ID_REQUEST);
            assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(12);
            assertThat(FrameHeader.source(buffer, AT)).isEqualTo(40);
        }

        @Test
        void responseRoundTrips() {
            final int length = InitProducerId.encodeResponse(buffer, AT, 12, 0, ErrorCode.NONE,
                0x0102_0304_0506_0708L, (short) 3);

            assertThat(length).isEqualTo(InitProducerId.RESPONSE_LENGTH).isEqualTo(24);
            InitProducerId.checkResponse(length);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.INIT_PRODUCER_ID_RESPONSE);
            assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(12);
            assertThat(FrameHeader.source(buffer, AT)).isZero();
            assertThat(InitProducerId.errorCode(buffer, AT)).isEqualTo(ErrorCode.NONE);
            assertThat(InitProducerId.producerId(buffer, AT)).isEqualTo(0x0102_0304_0506_0708L);
            assertThat(InitProducerId.producerEpoch(buffer, AT)).isEqualTo((short) 3);
        }

        @Test
        void errorResponseRoundTrips() {
            InitProducerId.encodeResponse(buffer, AT, 1, 2, ErrorCode.UNKNOWN_SERVER_ERROR, -1, (short) -1);

            assertThat(InitProducerId.errorCode(buffer, AT)).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
            assertThat(InitProducerId.producerId(buffer, AT)).isEqualTo(-1);
            assertThat(InitProducerId.producerEpoch(buffer, AT)).isEqualTo((short) -1);
        }

        @Test
        void shortResponseIsMalformed() {
            assertThatThrownBy(() -> InitProducerId.checkResponse(23))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("InitProducerId response of 23 bytes; expected 24");
        }
    }

    @Nested
    class MetadataFrames {
        @Test
        void requestRoundTrips() {
            final int length = Metadata.encodeRequest(buffer, AT, 41, 9, "orders");

            assertThat(length).isEqualTo(Metadata.TOPIC_OFFSET + 6);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.METADATA_REQUEST);
            assertThat(Metadata.requestedTopic(buffer, AT, length)).isEqualTo("orders");
        }

        @Test
        void responseRoundTripsMovedLeadersAndALeaderlessPartitionWithTheirEpochs() {
            final TopicLayout layout = TopicLayout.spread("orders", 3, 3, 3)
                .withLeader(0, 1, 4)
                .withLeader(1, TopicLayout.NO_LEADER, 7);

            final int length = Metadata.encodeResponse(buffer, AT, 41, 2, ErrorCode.NONE, layout);

            assertThat(length).isEqualTo(Metadata.PARTITION_ENTRIES_OFFSET + 3 * (8 + 3 * 4) + 2 + 6);
            assertThat(FrameHeader.type(buffer, AT)).isEqualTo(FrameHeader.METADATA_RESPONSE);
            assertThat(FrameHeader.correlationId(buffer, AT)).isEqualTo(41);
            assertThat(FrameHeader.source(buffer, AT)).isEqualTo(2);
            assertThat(Metadata.errorCode(buffer, AT)).isEqualTo(ErrorCode.NONE);
            final int second = AT + Metadata.PARTITION_ENTRIES_OFFSET + (int) Metadata.entryLength(3);
            assertThat(buffer.getInt(second + Metadata.ENTRY_LEADER_OFFSET)).isEqualTo(-1);
            assertThat(buffer.getInt(second + Metadata.ENTRY_LEADER_EPOCH_OFFSET)).isEqualTo(7);
            assertThat(buffer.getInt(second + Metadata.ENTRY_REPLICAS_OFFSET)).isEqualTo(1);

            final TopicLayout decoded = Metadata.layout(buffer, AT, length);
            assertThat(decoded.topic()).isEqualTo("orders");
            assertThat(decoded.brokerCount()).isEqualTo(3);
            assertThat(decoded.partitionCount()).isEqualTo(3);
            assertThat(new int[] {decoded.leader(0), decoded.leader(1), decoded.leader(2)})
                .containsExactly(1, TopicLayout.NO_LEADER, 2);
            assertThat(new int[] {decoded.leaderEpoch(0), decoded.leaderEpoch(1), decoded.leaderEpoch(2)})
                .containsExactly(4, 7, 0);
            for (int p = 0; p < 3; p++) {
                assertThat(decoded.replicas(p)).containsExactly(layout.replicas(p));
                assertThat(decoded.preferredLeader(p)).isEqualTo(p);
            }
        }

        @Test
        void errorResponseCarriesOnlyItsCode() {
            final int length = Metadata.encodeResponse(buffer, AT, 41, 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null);

            assertThat(Metadata.errorCode(buffer, AT)).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(length).isEqualTo(Metadata.PARTITION_ENTRIES_OFFSET + 2);
        }

        @Test
        void leaderThatIsNotAReplicaIsMalformed() {
            final TopicLayout layout = TopicLayout.spread("orders", 2, 2, 3);
            final int length = Metadata.encodeResponse(buffer, AT, 41, 0, ErrorCode.NONE, layout);
            final int second = AT + Metadata.PARTITION_ENTRIES_OFFSET + (int) Metadata.entryLength(2);
            buffer.putInt(second + Metadata.ENTRY_LEADER_OFFSET, 0);

            assertThatThrownBy(() -> Metadata.layout(buffer, AT, length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Metadata response names broker 0 as partition 1's leader, which is neither -1 nor one "
                    + "of its replicas [1, 2]");

            buffer.putInt(second + Metadata.ENTRY_LEADER_OFFSET, -2);
            assertThatThrownBy(() -> Metadata.layout(buffer, AT, length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Metadata response names broker -2 as partition 1's leader, which is neither -1 nor one "
                    + "of its replicas [1, 2]");
        }

        @Test
        void negativeLeaderEpochIsMalformed() {
            final int length = Metadata.encodeResponse(buffer, AT, 41, 0, ErrorCode.NONE,
                TopicLayout.spread("orders", 1, 1, 1));
            buffer.putInt(AT + Metadata.PARTITION_ENTRIES_OFFSET + Metadata.ENTRY_LEADER_EPOCH_OFFSET, -1);

            assertThatThrownBy(() -> Metadata.layout(buffer, AT, length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Metadata response gives partition 0 leader epoch -1; epochs start at 0");
        }

        @Test
        void replicaOutsideTheClusterIsMalformed() {
            final int length = Metadata.encodeResponse(buffer, AT, 41, 0, ErrorCode.NONE,
                TopicLayout.spread("orders", 1, 2, 2));
            buffer.putInt(AT + Metadata.BROKERS_OFFSET, 1);

            assertThatThrownBy(() -> Metadata.layout(buffer, AT, length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Metadata response for topic 'orders' on 1 brokers: Partition 0 names broker 1, outside "
                    + "[0, 1)");
        }

        @Test
        void partitionsThatDoNotFitTheFrameAreMalformed() {
            final int length = Metadata.encodeResponse(buffer, AT, 41, 0, ErrorCode.NONE,
                TopicLayout.spread("orders", 2, 1, 1));

            assertThatThrownBy(() -> Metadata.layout(buffer, AT, length - 7))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Metadata response declares 2 partitions of 1 replicas; " + (length - 7)
                    + " bytes cannot hold them");
        }
    }

    @Nested
    class Layout {
        @Test
        void replicasOfEachPartitionStartAtThePartitionAndWrap() {
            final TopicLayout layout = TopicLayout.spread("orders", 4, 3, 3);

            assertThat(layout.topic()).isEqualTo("orders");
            assertThat(layout.partitionCount()).isEqualTo(4);
            assertThat(layout.brokerCount()).isEqualTo(3);
            assertThat(layout.replicationFactor()).isEqualTo(3);
            assertThat(layout.replicas(0)).containsExactly(0, 1, 2);
            assertThat(layout.replicas(1)).containsExactly(1, 2, 0);
            assertThat(layout.replicas(2)).containsExactly(2, 0, 1);
            assertThat(layout.replicas(3)).containsExactly(0, 1, 2);
            assertThat(layout.preferredLeader(0)).isZero();
            assertThat(layout.preferredLeader(1)).isEqualTo(1);
            assertThat(layout.preferredLeader(2)).isEqualTo(2);
            assertThat(layout.preferredLeader(3)).isZero();
            for (int p = 0; p < 4; p++) {
                assertThat(layout.leader(p)).as("a new topic is led by its preferred leaders").isEqualTo(p % 3);
                assertThat(layout.leaderEpoch(p)).isZero();
            }
        }

        @Test
        void replicationFactorBelowTheBrokerCountHostsOnlyThoseReplicas() {
            final TopicLayout layout = TopicLayout.spread("t", 5, 2, 5);

            assertThat(layout.replicas(3)).containsExactly(3, 4);
            assertThat(layout.replicas(4)).containsExactly(4, 0);
            assertThat(layout.hosts(4, 4)).isTrue();
            assertThat(layout.hosts(0, 4)).isTrue();
            assertThat(layout.hosts(1, 4)).isFalse();
            assertThat(layout.hosts(2, 4)).isFalse();
        }

        @Test
        void leadersAndReplicasSpreadEvenlyOverTheBrokers() {
            final TopicLayout layout = TopicLayout.spread("t", 6, 3, 3);
            final int[] leaders = new int[3];
            final int[] hosted = new int[3];
            for (int p = 0; p < layout.partitionCount(); p++) {
                leaders[layout.preferredLeader(p)]++;
                for (int b = 0; b < 3; b++) {
                    if (layout.hosts(b, p)) {
                        hosted[b]++;
                    }
                }
                assertThat(layout.replicas(p)).doesNotHaveDuplicates();
            }
            assertThat(leaders).containsExactly(2, 2, 2);
            assertThat(hosted).containsExactly(6, 6, 6);
        }

        @Test
        void leadersDifferByAtMostOneWhenPartitionsDoNotDivideEvenly() {
            final TopicLayout layout = TopicLayout.spread("t", 7, 2, 3);
            final int[] leaders = new int[3];
            for (int p = 0; p < layout.partitionCount(); p++) {
                leaders[layout.preferredLeader(p)]++;
            }
            assertThat(leaders).containsExactly(3, 2, 2);
        }

        @Test
        void replicasIsACopy() {
            final TopicLayout layout = TopicLayout.spread("t", 1, 3, 3);
            layout.replicas(0)[0] = 2;

            assertThat(layout.replicas(0)).containsExactly(0, 1, 2);
            assertThat(layout.preferredLeader(0)).isZero();
        }

        @Test
        void withLeaderMovesOnePartitionsLeaderAndLeavesTheOriginalUnchanged() {
            final TopicLayout created = TopicLayout.spread("t", 2, 3, 3);

            final TopicLayout failedOver = created.withLeader(0, 2, 1);
            final TopicLayout electing = failedOver.withLeader(1, TopicLayout.NO_LEADER, 1);

            assertThat(electing.leader(0)).isEqualTo(2);
            assertThat(electing.leaderEpoch(0)).isEqualTo(1);
            assertThat(electing.preferredLeader(0)).isZero();
            assertThat(electing.leader(1)).isEqualTo(TopicLayout.NO_LEADER);
            assertThat(electing.hasLeader(1)).isFalse();
            assertThat(electing.leaderEpoch(1)).isEqualTo(1);
            assertThat(electing.replicas(1)).containsExactly(1, 2, 0);
            assertThat(created.leader(0)).isZero();
            assertThat(created.leaderEpoch(0)).isZero();
            assertThat(created.leader(1)).isEqualTo(1);
            assertThat(failedOver.leader(1)).isEqualTo(1);
        }

        @Test
        void withLeaderRefusesABrokerThatIsNotAReplica() {
            final TopicLayout layout = TopicLayout.spread("t", 2, 2, 3);

            assertThatThrownBy(() -> layout.withLeader(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition 1 cannot be led by broker 0, which is not one of its replicas [1, 2]");
            assertThatThrownBy(() -> layout.withLeader(0, -2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition 0 cannot be led by broker -2, which is not one of its replicas [0, 1]");
            assertThatThrownBy(() -> layout.withLeader(0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition 0 has leader epoch -1; epochs start at 0");
            assertThatThrownBy(() -> layout.withLeader(2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition 2 is outside [0, 2)");
        }

        @Test
        void zeroPartitionsIsRefused() {
            assertThatThrownBy(() -> TopicLayout.spread("t", 0, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A topic needs at least one partition, not 0");
        }

        @Test
        void replicationFactorAboveTheBrokerCountIsRefused() {
            assertThatThrownBy(() -> TopicLayout.spread("t", 3, 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Replication factor 4 must be in [1, 3] with 3 brokers");
        }

        @Test
        void replicationFactorBelowOneIsRefused() {
            assertThatThrownBy(() -> TopicLayout.spread("t", 3, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Replication factor 0 must be in [1, 3] with 3 brokers");
        }
    }
}
