package io.ackbench.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RecordHeadersTest {
    @Test
    void encodesKeyLengthKeyValueLengthValuePerHeader() {
        final RecordHeaders headers = new RecordHeaders(32);
        final UnsafeBuffer source = new UnsafeBuffer("xxtraceid42".getBytes(StandardCharsets.UTF_8));
        headers.add(source, 2, 5, source, 9, 2).add("a", null).add("", new byte[0]);
        assertThat(headers.count()).isEqualTo(3);
        assertThat(headers.encodedLength()).isEqualTo(9 + 3 + 2);
        final byte[] encoded = new byte[headers.encodedLength()];
        headers.buffer().getBytes(0, encoded);
        assertThat(BitUtil.toHex(encoded)).isEqualTo("0a7472616365" + "043432" + "0261" + "01" + "00" + "00");
    }

    @Test
    void clearEmptiesTheList() {
        final RecordHeaders headers = new RecordHeaders(16).add("k", new byte[] {1});
        headers.clear();
        assertThat(headers.count()).isZero();
        assertThat(headers.encodedLength()).isZero();
    }

    @Test
    void headerBeyondCapacityIsRefusedAndLeavesTheListUnchanged() {
        final RecordHeaders headers = new RecordHeaders(8).add("k", new byte[] {1});
        assertThatThrownBy(() -> headers.add("key", new byte[4])).isInstanceOf(IllegalStateException.class)
            .hasMessage("Header of 9 encoded bytes does not fit: 4 of 8 bytes already used");
        assertThat(headers.count()).isEqualTo(1);
        assertThat(headers.encodedLength()).isEqualTo(4);
    }

    @Test
    void nullKeyLengthIsRefused() {
        final RecordHeaders headers = new RecordHeaders(8);
        assertThatThrownBy(() -> headers.add(new UnsafeBuffer(new byte[1]), 0, -1, null, 0, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("keyLength must be >= 0 and valueLength >= -1, were -1 and -1");
    }
}
