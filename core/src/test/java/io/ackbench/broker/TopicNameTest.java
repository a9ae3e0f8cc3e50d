package io.ackbench.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import io.ackbench.transport.ErrorCode;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class TopicNameTest {
    private static final String LEGAL_HINT = "; legal are ASCII letters, digits, '.', '_' and '-'";

    @Test
    void legalNamesAreReturnedUnchanged() {
        assertThat(TopicName.validate("orders")).isEqualTo("orders");
        assertThat(TopicName.validate("a")).isEqualTo("a");
        assertThat(TopicName.validate("Orders.EU_west-1")).isEqualTo("Orders.EU_west-1");
        assertThat(TopicName.validate("...")).isEqualTo("...");
        assertThat(TopicName.validate(".hidden")).isEqualTo(".hidden");
        assertThat(TopicName.validate("-")).isEqualTo("-");
        assertThat(TopicName.validate("__consumer_offsets")).isEqualTo("__consumer_offsets");
    }

    @Test
    void emptyNameIsRefused() {
        assertThatThrownBy(() -> TopicName.validate(""))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name is empty");
    }

    @Test
    void nullNameIsRefused() {
        assertThatThrownBy(() -> TopicName.validate(null))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name is null");
    }

    @Test
    void dotAndDotDotAreRefused() {
        assertThatThrownBy(() -> TopicName.validate("."))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name '.' is not allowed: '.' and '..' are reserved");
        assertThatThrownBy(() -> TopicName.validate(".."))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name '..' is not allowed: '.' and '..' are reserved");
    }

    @Test
    void twoHundredFortyNineCharactersAreAllowedAndTwoHundredFiftyAreNot() {
        final String longest = "t".repeat(249);
        assertThat(TopicName.validate(longest)).isEqualTo(longest);

        final String tooLong = "t".repeat(250);
        assertThatThrownBy(() -> TopicName.validate(tooLong))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name '" + tooLong + "' is 250 characters long; the most allowed is 249");
    }

    @Test
    void illegalCharacterIsNamedWithItsIndex() {
        assertThatThrownBy(() -> TopicName.validate("orders eu"))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name 'orders eu' has the illegal character ' ' (U+0020) at index 6" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("a+b"))
            .hasMessage("Topic name 'a+b' has the illegal character '+' (U+002B) at index 1" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("caf\u00e9"))
            .hasMessage("Topic name 'caf\\u00E9' has the illegal character U+00E9 at index 3" + LEGAL_HINT);
    }

    @Test
    void pathTraversalAndSeparatorsAreImpossible() {
        assertThatThrownBy(() -> TopicName.validate("../x"))
            .isInstanceOf(InvalidTopicException.class)
            .hasMessage("Topic name '../x' has the illegal character '/' (U+002F) at index 2" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("a/b"))
            .hasMessage("Topic name 'a/b' has the illegal character '/' (U+002F) at index 1" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("/etc"))
            .hasMessage("Topic name '/etc' has the illegal character '/' (U+002F) at index 0" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("..\\x"))
            .hasMessage("Topic name '..\\x' has the illegal character '\\' (U+005C) at index 2" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("a\u0000b"))
            .hasMessage("Topic name 'a\\u0000b' has the illegal character U+0000 at index 1" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("a\nb"))
            .hasMessage("Topic name 'a\\u000Ab' has the illegal character U+000A at index 1" + LEGAL_HINT);
        assertThatThrownBy(() -> TopicName.validate("~"))
            .hasMessage("Topic name '~' has the illegal character '~' (U+007E) at index 0" + LEGAL_HINT);
    }

    @Test
    void exceptionCarriesTheTopicAndTheErrorCode() {
        assertThatThrownBy(() -> TopicName.validate("a/b"))
            .isInstanceOfSatisfying(InvalidTopicException.class, e -> {
                assertThat(e.topic()).isEqualTo("a/b");
                assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION).isEqualTo((short) 17);
            });
    }

    @Test
    void validityAgreesWithKafka() {
        final String alphabet = "aZ09._-/\\ \u0000+~\u00e9:";
        final SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            final StringBuilder name = new StringBuilder();
            final int length = random.nextInt(0, 5);
            for (int c = 0; c < length; c++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(isValid(name.toString())).as("'%s'", name).isEqualTo(Topic.isValid(name.toString()));
        }
        for (String edge : new String[] {"", ".", "..", "...", "t".repeat(249), "t".repeat(250)}) {
            assertThat(isValid(edge)).as("'%s'", edge).isEqualTo(Topic.isValid(edge));
        }
    }

    @Test
    void dotAndUnderscoreCollide() {
        assertThat(TopicName.hasCollision("a.b", "a_b")).isTrue();
        assertThat(TopicName.hasCollision("a_b", "a.b")).isTrue();
        assertThat(TopicName.hasCollision("a.b_c", "a_b.c")).isTrue();
        assertThat(TopicName.hasCollision("a.b", "a.b")).isTrue();
        assertThat(TopicName.hasCollision("a.b", "a-b")).isFalse();
        assertThat(TopicName.hasCollision("a.b", "a_bc")).isFalse();
        assertThat(TopicName.hasCollision("ab", "ba")).isFalse();
        assertThat(TopicName.hasCollision("orders", "orders")).isTrue();
        assertThat(TopicName.hasCollision("orders", "Orders")).isFalse();
    }

    @Test
    void collisionAgreesWithKafka() {
        final String[] names = {"a.b", "a_b", "a-b", "ab", "a..b", "a__b", "a._b", "_a.b", ".a_b", "a.b."};
        for (String a : names) {
            for (String b : names) {
                assertThat(TopicName.hasCollision(a, b)).as("%s vs %s", a, b).isEqualTo(Topic.hasCollision(a, b));
            }
        }
    }

    @Test
    void internalTopicsAreRecognised() {
        assertThat(TopicName.isInternal("__consumer_offsets")).isTrue();
        assertThat(TopicName.isInternal("__transaction_state")).isTrue();
        assertThat(TopicName.isInternal("__share_group_state")).isTrue();
        assertThat(TopicName.isInternal("__cluster_metadata")).isTrue();
        assertThat(TopicName.isInternal("consumer_offsets")).isFalse();
        assertThat(TopicName.isInternal("__consumer.offsets")).isFalse();
        assertThat(TopicName.isInternal("orders")).isFalse();
    }

    private static boolean isValid(final String name) {
        try {
            TopicName.validate(name);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }
}
