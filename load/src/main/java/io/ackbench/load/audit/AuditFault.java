package io.ackbench.load.audit;

import io.ackbench.fault.FaultKind;

import java.util.Locale;

/**
 * What a delivery audit cell does to its cluster while the load runs, aimed at a role rather than a broker id: the
 * broker that leads partition 0 when the fault strikes, or one that follows it. The audit's topic has every
 * partition's preferred leader on one broker ({@code replica.assignment}), and elections pick the first live member
 * of the ISR in replica order, so leadership stays on one broker at a time and a follower leads nothing: a leader
 * fault strikes every partition's leader and a follower fault none.
 */
public enum AuditFault {
    /** No fault: the baseline, and the price of the setting alone. */
    NONE("none", null, false, 0),
    /** kill -9 the leader, restart it after the hold. */
    LEADER_KILL("leader-kill", FaultKind.KILL, true, 5_000),
    /** Power loss on the leader: kill -9, its logs lose what no fsync made durable, restart. ackbench only. */
    LEADER_POWER_LOSS("leader-power-loss", FaultKind.POWER_LOSS, true, 5_000),
    /** kill -9 a follower, restart it after the hold. */
    FOLLOWER_KILL("follower-kill", FaultKind.KILL, false, 5_000),
    /**
     * SIGSTOP the leader past the session timeout (9 s by default), so the controller fences it and elects another;
     * SIGCONT then: the old leader learns it no longer leads.
     */
    LEADER_PAUSE("leader-pause", FaultKind.PAUSE, true, 12_000),
    /**
     * An unclean election, allowed ({@code unclean.leader.election.enable=true} for the cell) and forced: both
     * followers paused past the session timeout, so the ISR shrinks to the leader; the leader killed, the followers
     * resumed, so an out-of-sync follower is elected; the old leader restarted. The hold is the followers' pause.
     */
    UNCLEAN("unclean", FaultKind.KILL, true, 12_000),
    /** 1% of the Produce responses lost on their way to the producer, which times out and retries. ackbench only. */
    RESPONSE_LOSS("response-loss", null, false, 0);

    private final String flagName;
    private final FaultKind kind;
    private final boolean strikesLeader;
    private final long holdMillis;

    AuditFault(final String flagName, final FaultKind kind, final boolean strikesLeader, final long holdMillis) {
        this.flagName = flagName;
        this.kind = kind;
        this.strikesLeader = strikesLeader;
        this.holdMillis = holdMillis;
    }

    /** Its name on the command line and in reports, e.g. {@code leader-kill}. */
    public String flagName() {
        return flagName;
    }

    /** What it does to the broker it strikes; null for {@link #NONE} and {@link #RESPONSE_LOSS}. */
    public FaultKind kind() {
        return kind;
    }

    /** Whether it strikes partition 0's leader (else one of its followers). */
    public boolean strikesLeader() {
        return strikesLeader;
    }

    /** How long the broker stays killed or paused before it is restarted or resumed. */
    public long holdMillis() {
        return holdMillis;
    }

    /** @throws IllegalArgumentException listing the names if {@code name} is none of them */
    public static AuditFault parse(final String name) {
        final String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (final AuditFault fault : values()) {
            if (fault.flagName.equals(wanted)) {
                return fault;
            }
        }
        final StringBuilder names = new StringBuilder();
        for (final AuditFault fault : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(fault.flagName);
        }
        throw new IllegalArgumentException("'" + name + "' is not a fault; the faults are " + names);
    }
}
