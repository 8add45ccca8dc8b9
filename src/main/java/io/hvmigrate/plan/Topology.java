package io.hvmigrate.plan;

import io.hvmigrate.model.Facts;
import io.hvmigrate.model.Facts.ClusterFacts;
import io.hvmigrate.model.Facts.FileServerFacts;
import io.hvmigrate.model.Facts.HostFacts;
import io.hvmigrate.model.Facts.Share;
import io.hvmigrate.model.Facts.Trust;
import io.hvmigrate.model.Facts.TrustType;
import io.hvmigrate.model.Facts.VmFacts;
import io.hvmigrate.model.Names;
import io.hvmigrate.model.WindowsPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Questions about the fleet that classification and planning ask of the facts. Pure: it only reads. */
public final class Topology {
    private final Facts facts;

    public Topology(Facts facts) {
        this.facts = facts;
    }

    public Facts facts() {
        return facts;
    }

    public Optional<HostFacts> host(String name) {
        return facts.host(name);
    }

    public Optional<ClusterFacts> cluster(String name) {
        return name == null ? Optional.empty() : facts.cluster(name);
    }

    /** Where a path is, seen from {@code host}. */
    public StorageLocation locate(String path, HostFacts host) {
        if (WindowsPath.isUnc(path)) {
            String server = WindowsPath.uncServer(path);
            String share = WindowsPath.uncShare(path);
            String fs = facts.fileServer(server).map(FileServerFacts::name).orElse(null);
            return new StorageLocation.Smb(path, server, share, fs);
        }
        Optional<ClusterFacts> c = cluster(host.cluster());
        if (c.isPresent()) {
            for (var v : c.get().csvVolumes()) {
                if (WindowsPath.isUnder(path, v.path())) {
                    return new StorageLocation.Csv(path, c.get().name(), v.path());
                }
            }
        }
        return new StorageLocation.Local(path, host.name());
    }

    /** Every file of the VM: its configuration folder and its disks. */
    public List<StorageLocation> locateVm(VmFacts vm, HostFacts host) {
        List<StorageLocation> out = new ArrayList<>();
        out.add(locate(vm.path(), host));
        vm.disks().forEach(d -> out.add(locate(d.path(), host)));
        return out;
    }

    public Optional<Share> share(StorageLocation.Smb smb) {
        if (smb.fileServer() == null) {
            return Optional.empty();
        }
        return facts.fileServer(smb.fileServer()).flatMap(f -> f.shares().stream().filter(s -> Names.same(s.name(), smb.share())).findFirst());
    }

    /** The host's computer account (or its cluster's) has Full Control on the share. */
    public boolean reaches(HostFacts host, StorageLocation.Smb smb) {
        return share(smb).map(s -> s.fullControl().stream().anyMatch(who -> host.answersTo(who) || Names.same(who, host.cluster()))).orElse(false);
    }

    /** Every node of the cluster reaches the share. */
    public boolean allNodesReach(ClusterFacts cluster, StorageLocation.Smb smb) {
        Optional<Share> s = share(smb);
        if (s.isEmpty()) {
            return false;
        }
        if (s.get().fullControl().stream().anyMatch(who -> Names.same(who, cluster.name()))) {
            return true;
        }
        return cluster.nodes().stream().allMatch(n -> s.get().fullControl().stream().anyMatch(who -> Names.same(who, n)
                || host(n).map(h -> h.answersTo(who)).orElse(false)));
    }

    /** Nodes of the cluster that are Up. */
    public List<HostFacts> upNodes(ClusterFacts cluster) {
        return cluster.nodes().stream().map(this::host).flatMap(Optional::stream)
                .filter(h -> h.nodeState() == null || "Up".equalsIgnoreCase(h.nodeState())).toList();
    }

    public String forestOf(HostFacts host) {
        return facts.directory().forestOf(host.domain());
    }

    /**
     * The kinds of trust that let accounts of {@code fromDomain} authenticate to services in {@code toDomain}. A forest
     * trust joins the two domains' forests, whichever domains of them the hosts are in; an external trust is not
     * transitive and joins exactly the two domains it names (a child domain's external trust does not reach its forest
     * root, nor the root's the child).
     */
    public Optional<TrustType> trustFor(String fromDomain, String toDomain) {
        String fromForest = forestOrSelf(fromDomain);
        String toForest = forestOrSelf(toDomain);
        TrustType best = null;
        for (Trust t : facts.directory().trusts()) {
            boolean forest = t.type() == TrustType.FOREST;
            String trusting = forest ? forestOrSelf(t.trusting()) : t.trusting();
            String trusted = forest ? forestOrSelf(t.trusted()) : t.trusted();
            String from = forest ? fromForest : fromDomain;
            String to = forest ? toForest : toDomain;
            boolean forward = Names.same(trusting, to) && Names.same(trusted, from);
            boolean backward = t.bidirectional() && Names.same(trusting, from) && Names.same(trusted, to);
            if (forward || backward) {
                if (forest) {
                    return Optional.of(TrustType.FOREST);
                }
                best = t.type();
            }
        }
        return Optional.ofNullable(best);
    }

    private String forestOrSelf(String domain) {
        String f = facts.directory().forestOf(domain);
        return f == null ? domain : f;
    }

    /** Memory committed on a host by the VMs it runs now. */
    public long committedMemory(HostFacts host) {
        return facts.vmsOn(host.name()).stream().mapToLong(VmFacts::memoryBytes).sum();
    }
}
