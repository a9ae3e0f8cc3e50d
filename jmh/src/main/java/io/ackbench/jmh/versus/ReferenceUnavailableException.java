package io.ackbench.jmh.versus;

/** The system to compare with is not on the class path: no flag is wrong, the build lacks it. */
final class ReferenceUnavailableException extends RuntimeException {
    ReferenceUnavailableException(final String message) {
        super(message);
    }
}
