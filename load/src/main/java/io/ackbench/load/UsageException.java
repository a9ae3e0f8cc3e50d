package io.ackbench.load;

/** The command line was wrong: an unknown flag, a missing or malformed value. The message names the flag. */
public final class UsageException extends IllegalArgumentException {
    public UsageException(final String message) {
        super(message);
    }
}
