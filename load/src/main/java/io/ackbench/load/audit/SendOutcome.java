package io.ackbench.load.audit;

/** What a producer was told about one record it sent. */
public enum SendOutcome {
    /** The send callback reported success: the record counts as delivered. */
    ACKNOWLEDGED,
    /** The send callback reported an error (a timeout, a non-retriable error): it may still have been stored. */
    FAILED,
    /** No callback before the run ended. */
    UNANSWERED
}
