package io.ackbench.load.audit;

/** One cell of a delivery audit's matrix: a target system, a delivery setting and a fault. */
public record AuditCell(String target, DeliverySetting setting, AuditFault fault) {
    /** For directory names: {@code ackbench_acks-all_idem-on_isr-2_leader-kill}. */
    public String slug() {
        return target + "_" + setting.slug() + "_" + fault.flagName();
    }

    public String describe() {
        return target + " " + setting.describe() + " fault=" + fault.flagName();
    }
}
