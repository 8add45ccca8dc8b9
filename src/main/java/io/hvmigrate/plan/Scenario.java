package io.hvmigrate.plan;

/** The seven live-migration scenarios (Hyper-V reference §1). */
public enum Scenario {
    S1("inside a cluster, CSV storage", true, false, false),
    S2("inside a cluster, SMB 3.0 storage", true, false, false),
    S3("between hosts, shared SMB 3.0 storage", false, false, false),
    S4("between hosts, no shared storage (shared-nothing)", false, false, false),
    S5("cluster to another cluster: HA off before, on after", false, true, true),
    S6("cluster to a standalone host: HA off before", false, true, false),
    S7("standalone host to a cluster: HA on after", false, false, true);

    private final String title;
    private final boolean inCluster;
    private final boolean removesHa;
    private final boolean addsHa;

    Scenario(String title, boolean inCluster, boolean removesHa, boolean addsHa) {
        this.title = title;
        this.inCluster = inCluster;
        this.removesHa = removesHa;
        this.addsHa = addsHa;
    }

    public String title() {
        return title;
    }

    /** Moved by the cluster (Move-ClusterVirtualMachineRole) rather than by Move-VM between hosts. */
    public boolean inCluster() {
        return inCluster;
    }

    /** The VM's cluster role is removed before the move (and restored on the source if the move fails). */
    public boolean removesHa() {
        return removesHa;
    }

    /** The VM is made highly available on the destination cluster after the move. */
    public boolean addsHa() {
        return addsHa;
    }
}
