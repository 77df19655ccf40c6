package io.warden.bench.chaos.history;

/**
 * How an operation ended, as the client saw it.
 */
public enum Outcome
{
    /** The call completed with a definite answer (which may itself say "no", such as a compare that failed). */
    OK,

    /** The call definitely did not take effect (rejected before it entered the log, or a read that timed out). */
    FAIL,

    /**
     * The client does not know whether the call took effect (timeout, lost connection, leader change in flight).
     * Its return time is +infinity: it may take effect at any time after its invocation, or never.
     */
    UNKNOWN
}
