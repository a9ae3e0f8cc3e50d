package io.ackbench.broker;

/**
 * Kafka's topic name rules (kafka-semantics.md §7.1, {@code Topic.validate} of 4.3.1).
 *
 * <p>A valid name is 1 to {@value #MAX_LENGTH} characters of ASCII {@code [a-zA-Z0-9._-]} and is neither
 * {@code "."} nor {@code ".."}. Names become directory names under the log directory, and these rules are what
 * makes that safe: no separator ({@code '/'}, {@code '\\'}), no NUL, no other control character, and no name
 * that means "this" or "the parent" directory can get through.
 */
public final class TopicName {
    /**
     * Kafka's limit on a name's length. A partition's directory is the name plus '-' and the partition number,
     * and common file systems allow 255 bytes per directory name.
     */
    public static final int MAX_LENGTH = 249;

    public static final String CONSUMER_OFFSETS = "__consumer_offsets";
    public static final String TRANSACTION_STATE = "__transaction_state";
    public static final String SHARE_GROUP_STATE = "__share_group_state";
    public static final String CLUSTER_METADATA = "__cluster_metadata";

    private TopicName() {
    }

    /**
     * @param name a proposed topic name
     * @return {@code name}, unchanged, if it is legal
     * @throws InvalidTopicException naming the topic and the rule it breaks
     */
    public static String validate(final String name) {
        if (name == null) {
            throw new InvalidTopicException(null, "Topic name is null");
        }
        if (name.isEmpty()) {
            throw new InvalidTopicException(name, "Topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException(name, "Topic name '" + name + "' is not allowed: '.' and '..' are reserved");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException(name, "Topic name '" + name + "' is " + name.length()
                + " characters long; the most allowed is " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (!isLegal(c)) {
                throw new InvalidTopicException(name, "Topic name '" + printable(name) + "' has the illegal character "
                    + describe(c) + " at index " + i + "; legal are ASCII letters, digits, '.', '_' and '-'");
            }
        }
        return name;
    }

    /**
     * Whether two names would clash in metric names, where Kafka turns '.' into '_': they are equal once every
     * '.' is read as '_'. Creating a topic that collides with an existing one is refused.
     */
    public static boolean hasCollision(final String a, final String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (unified(a.charAt(i)) != unified(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code name} is one of Kafka's internal topics, to which clients may not produce (kafka-semantics.md
     * §4.1). Kafka's own {@code Topic.isInternal} (4.3.1) leaves out {@value #CLUSTER_METADATA}, the KRaft metadata
     * log, which is not a regular topic at all; it is listed here so that no client can create or write it.
     */
    public static boolean isInternal(final String name) {
        switch (name) {
            case CONSUMER_OFFSETS:
            case TRANSACTION_STATE:
            case SHARE_GROUP_STATE:
            case CLUSTER_METADATA:
                return true;
            default:
                return false;
        }
    }

    private static boolean isLegal(final char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
    }

    private static char unified(final char c) {
        return c == '.' ? '_' : c;
    }

    /** The character quoted if it prints, and always its code point, so NUL or a lookalike cannot hide. */
    private static String describe(final char c) {
        final String codePoint = String.format("U+%04X", (int) c);
        return isPrintableAscii(c) ? "'" + c + "' (" + codePoint + ")" : codePoint;
    }

    /** The name with every character outside printable ASCII written as {@code \\uXXXX}, for the message. */
    private static String printable(final String name) {
        final StringBuilder out = new StringBuilder(name.length() + 16);
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (isPrintableAscii(c)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean isPrintableAscii(final char c) {
        return c >= 0x20 && c < 0x7F;
    }
}
