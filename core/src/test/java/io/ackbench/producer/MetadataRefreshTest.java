package io.ackbench.producer;

import io.ackbench.transport.ErrorCode;
import io.ackbench.transport.Metadata;
import io.ackbench.transport.TopicLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a Metadata answer changes the sender's view, read from the frame in place. */
class MetadataRefreshTest {
    private static final int AT = 5;
    private static final TopicLayout CURRENT = TopicLayout.spread("orders", 3, 2, 3).withLeader(1, 2, 4);

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    @Test
    void sameLeadersAndEpochsDoNotDiffer() {
        assertThat(differs(TopicLayout.spread("orders", 3, 2, 3).withLeader(1, 2, 4))).isFalse();
    }

    @Test
    void leaderEpochAloneDiffers() {
        assertThat(differs(CURRENT.withLeader(1, 2, 5))).isTrue();
        assertThat(differs(CURRENT.withLeader(0, 0, 1))).isTrue();
    }

    @Test
    void movedOrMissingLeaderDiffers() {
        assertThat(differs(CURRENT.withLeader(2, 0, 4))).isTrue();
        assertThat(differs(CURRENT.withLeader(1, TopicLayout.NO_LEADER, 4))).isTrue();
    }

    @Test
    void otherCountsOrATruncatedFrameDiffer() {
        assertThat(differs(TopicLayout.spread("orders", 2, 2, 3))).isTrue();
        assertThat(differs(TopicLayout.spread("orders", 3, 2, 4))).isTrue();
        final int length = Metadata.encodeResponse(buffer, AT, 1, 0, ErrorCode.NONE, CURRENT);
        assertThat(MetadataRefresh.leadersDiffer(buffer, AT, length - 20, CURRENT)).isTrue();
    }

    private boolean differs(final TopicLayout answered) {
        final int length = Metadata.encodeResponse(buffer, AT, 1, 0, ErrorCode.NONE, answered);
        return MetadataRefresh.leadersDiffer(buffer, AT, length, CURRENT);
    }
}
