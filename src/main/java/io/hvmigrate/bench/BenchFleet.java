package io.hvmigrate.bench;

import io.hvmigrate.sim.world.fleet.AccountSpec;
import io.hvmigrate.sim.world.fleet.ClusterSpec;
import io.hvmigrate.sim.world.fleet.DomainSpec;
import io.hvmigrate.sim.world.fleet.FileServerSpec;
import io.hvmigrate.sim.world.fleet.Fleet;
import io.hvmigrate.sim.world.fleet.FleetLoader;
import io.hvmigrate.sim.world.fleet.HostSpec;
import io.hvmigrate.sim.world.fleet.KerberosSpec;
import io.hvmigrate.sim.world.fleet.UserSpec;
import io.hvmigrate.sim.world.fleet.VmSpec;
import io.hvmigrate.sim.world.fleet.VolumeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark's fleet and wave, generated from a size and a seed: a hardware refresh in which every VM moves from an
 * old host to a new one of its group. Two failover clusters (the first on CSV with MaximumParallelMigrations 1, the
 * Windows default since the 2022-09 update; the second half on CSV, half on a Scale-Out File Server share, with 2)
 * whose old nodes are emptied onto their new nodes (S1, S2), and standalone hosts whose VMs live either on an SMB 3.0
 * share (S3) or on local disks that move with them (S4). Each VM's destination is the new host of its group with the
 * least work given so far, largest VMs first — what a planner balancing the new hardware would pick.
 *
 * <p>Delegation, authentication, migration networks and share permissions are set so that every move can succeed;
 * the same size and seed always give the same fleet and wave.
 */
public final class BenchFleet {

    /** The domain every host is in, and the engine's service account there. */
    public static final String DOMAIN = "bench.test";
    private static final String NETBIOS = "BENCH";
    /** The migration network of every host of a fleet of up to 254 hosts (data only: documentation range). */
    public static final String MIGRATION_SUBNET = "198.51.100.0/24";
    /**
     * Most hosts a fleet can have. Each host's WinRM listener has its own loopback address (127.0.2.0 and up, 250 to a
     * /24); its management and migration addresses, data only, are in IPv4 documentation ranges up to 254 hosts, which
     * is all a /24 holds, and in IPv6's (2001:db8::/32) above that.
     */
    public static final int MAX_HOSTS = 5000;
    private static final int IPV4_HOSTS = 254;

    /** Link speed of every host, as the planner assumes it when balancing; the world's time model has its own. */
    private static final double LINK_MBPS = 10_000 / 8.0;

    /**
     * How big a fleet to generate.
     *
     * @param hosts at least 6 (two clusters of two and two standalone hosts), at most {@link #MAX_HOSTS}
     * @param vms   at least 1, at most 100,000: every one of them moves
     */
    public record Size(int hosts, int vms, long seed) {
        public Size {
            if (hosts < 6 || hosts > MAX_HOSTS) {
                throw new IllegalArgumentException("--hosts must be between 6 and " + MAX_HOSTS + ", not " + hosts);
            }
            if (vms < 1 || vms > 100_000) {
                throw new IllegalArgumentException("--vms must be between 1 and 100000, not " + vms);
            }
        }
    }

    /** One move of the wave: the VM, where it is, where it goes, and the folder its files go to when they move. */
    public record Move(String vm, String source, String destination, String storagePath) {
        public boolean movesStorage() {
            return storagePath != null;
        }
    }

    /** Where a group's VMs keep their files. */
    private enum Storage { CSV, SOFS, SHARE, LOCAL }

    private record Group(String name, String cluster, String prefix, List<String> oldHosts, List<String> newHosts) {}

    private final Size size;
    private final Fleet fleet;
    private final List<Move> wave;
    /** The most migrations any host may take part in at once (the playbook's caps are set at least this high). */
    private final int mostPerHost;

    private BenchFleet(Size size, Fleet fleet, List<Move> wave, int mostPerHost) {
        this.size = size;
        this.fleet = fleet;
        this.wave = List.copyOf(wave);
        this.mostPerHost = mostPerHost;
    }

    public Size size() {
        return size;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** The moves, in the order a person would list them (by VM name). */
    public List<Move> wave() {
        return wave;
    }

    /** Generates the fleet and its wave. */
    public static BenchFleet generate(Size size) {
        return new Generator(size).build();
    }

    /**
     * The same fleet and wave with every host allowed {@code limit} live migrations at once: each host's
     * MaximumVirtualMachineMigrations and MaximumStorageMigrations (Set-VMHost) and each cluster's
     * MaximumParallelMigrations, which overrides them on its nodes.
     */
    public BenchFleet withMigrationLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a per-host limit must be at least 1, not " + limit);
        }
        List<HostSpec> hosts = fleet.hosts().stream().map(h -> {
            HostSpec.MigrationSpec m = h.migration();
            return new HostSpec(h.name(), h.domain(), h.os(), h.cluster(), h.nodeState(), h.winrm(), h.managementAddress(),
                    h.migrationAddresses(), new HostSpec.MigrationSpec(m.enabled(), m.authenticationType(), m.performanceOption(),
                            m.useAnyNetwork(), limit, limit),
                    h.migrationNetworks(), h.virtualMachinePath(), h.virtualHardDiskPath(), h.switches(), h.processor(),
                    h.memoryTotalGB(), h.memoryFreeGB(), h.volumes(), h.credentialGuard(), h.migrationLinkGbps(),
                    h.migrationRdmaLinks(), h.account(), h.domainController());
        }).toList();
        List<ClusterSpec> clusters = fleet.clusters().stream().map(c -> new ClusterSpec(c.name(), c.domain(), limit,
                c.csvVolumes(), c.networks(), c.migrationNetworkOrder(), c.migrationExcludeNetworks(), c.account())).toList();
        Fleet f = new Fleet(fleet.name(), fleet.kerberos(), fleet.domains(), fleet.trusts(), fleet.users(), fleet.computers(),
                clusters, fleet.fileServers(), hosts, fleet.vms(), fleet.faults(), fleet.secondHopAllowed());
        return new BenchFleet(size, f, wave, limit);
    }

    /** The wave as an hvmigrate playbook; the bench's caps are the hosts' own limits, so the policy's are set above them. */
    public String playbook(String name) {
        StringBuilder y = new StringBuilder();
        y.append("# generated by hvmigrate bench: a hardware refresh of ").append(wave.size()).append(" VMs over ")
                .append(fleet.hosts().size()).append(" hosts (seed ").append(size.seed()).append(")\n");
        y.append("version: 1\n");
        y.append("name: ").append(name).append('\n');
        y.append("description: every VM from an old host to a new host of its group\n");
        y.append("policy:\n");
        y.append("  authentication: kerberos\n");
        y.append("  migrationNetwork: ").append(migrationSubnet(size)).append('\n');
        // every host takes part in at most mostPerHost migrations (its own limit), each migration in two hosts, so
        // these caps never bind: the scheduler is held only by what the hosts allow
        int cap = Math.max(2, mostPerHost);
        y.append("  concurrency: { global: ").append(fleet.hosts().size() * cap / 2).append(", perSource: ").append(cap)
                .append(", perDestination: ").append(cap).append(" }\n");
        y.append("  failureBudget: 0\n");
        y.append("moves:\n");
        for (Move m : wave) {
            y.append("  - { vm: ").append(m.vm()).append(", to: ").append(m.destination().toLowerCase(Locale.ROOT));
            if (m.movesStorage()) {
                y.append(", storagePath: '").append(m.storagePath().replace("'", "''")).append('\'');
            }
            y.append(" }\n");
        }
        return y.toString();
    }

    /** The migration network of a fleet of this size: {@link #MIGRATION_SUBNET} up to 254 hosts, IPv6 above. */
    public static String migrationSubnet(Size size) {
        return size.hosts() <= IPV4_HOSTS ? MIGRATION_SUBNET : "2001:db8:0:2::/64";
    }

    private static String managementSubnet(Size size) {
        return size.hosts() <= IPV4_HOSTS ? "192.0.2.0/24" : "2001:db8:0:1::/64";
    }

    /** Host {@code n}'s (from 1) address in its fleet's management ({@code net} 1) or migration ({@code net} 2) network. */
    private static String dataAddress(Size size, int net, int n) {
        return size.hosts() <= IPV4_HOSTS ? (net == 1 ? "192.0.2." : "198.51.100.") + n
                : "2001:db8:0:" + net + "::" + Integer.toHexString(n);
    }

    /** Builds one fleet; holds the random source so that draws happen in one fixed order. */
    private static final class Generator {
        private final Size size;
        private final Random random;
        private final List<HostSpec> hosts = new ArrayList<>();
        private final List<VmSpec> vms = new ArrayList<>();
        private final List<Move> wave = new ArrayList<>();

        Generator(Size size) {
            this.size = size;
            this.random = new Random(size.seed());
        }

        BenchFleet build() {
            int standalone = 2 * Math.max(1, Math.round(size.hosts() * 0.2f));
            int clustered = size.hosts() - standalone;
            int nodesA = (clustered + 1) / 2;
            int nodesB = clustered - nodesA;
            Group a = group("CLA", "CLA", "HV-A", "cla", nodesA);
            Group b = group("CLB", "CLB", "HV-B", "clb", nodesB);
            Group s = group("standalone", null, "HV-S", "std", standalone);

            // three quarters of the VMs are clustered, shared between the clusters by their size
            int inClusters = (int) Math.round(size.vms() * 0.75);
            int vmsA = (int) Math.round(inClusters * (double) nodesA / clustered);
            int vmsB = inClusters - vmsA;
            int vmsS = size.vms() - inClusters;

            List<VmSpec> groupA = vmsOf(a, vmsA, i -> Storage.CSV);
            List<VmSpec> groupB = vmsOf(b, vmsB, i -> i % 2 == 0 ? Storage.CSV : Storage.SOFS);
            List<VmSpec> groupS = vmsOf(s, vmsS, i -> i % 2 == 0 ? Storage.SHARE : Storage.LOCAL);

            addHosts(a, groupA);
            addHosts(b, groupB);
            addHosts(s, groupS);
            assign(a, groupA);
            assign(b, groupB);
            assign(s, groupS);
            wave.sort(Comparator.comparing(Move::vm));

            List<String> standaloneAccounts = new ArrayList<>();
            s.oldHosts().forEach(h -> standaloneAccounts.add(h + "$"));
            s.newHosts().forEach(h -> standaloneAccounts.add(h + "$"));
            List<String> sofsAccounts = new ArrayList<>();
            b.oldHosts().forEach(h -> sofsAccounts.add(h + "$"));
            b.newHosts().forEach(h -> sofsAccounts.add(h + "$"));
            sofsAccounts.add("CLB$");
            long shareGB = Math.max(4096, 3 * diskGB(groupS));
            long sofsGB = Math.max(4096, 3 * diskGB(groupB));
            List<FileServerSpec> fileServers = List.of(
                    new FileServerSpec("SOFS1", DOMAIN, true, List.of("SOFS-N1", "SOFS-N2"),
                            List.of(new FileServerSpec.ShareSpec("vms", sofsGB, sofsGB - diskGB(groupB, Storage.SOFS), sofsAccounts)), null),
                    new FileServerSpec("FS1", DOMAIN, false, List.of(),
                            List.of(new FileServerSpec.ShareSpec("vmstore", shareGB, shareGB - diskGB(groupS, Storage.SHARE), standaloneAccounts)), null));
            List<ClusterSpec> clusters = List.of(cluster("CLA", 1, groupA), cluster("CLB", 2, groupB));

            List<VmSpec> all = new ArrayList<>();
            all.addAll(groupA);
            all.addAll(groupB);
            all.addAll(groupS);
            Fleet fleet = new Fleet("bench", new KerberosSpec(15), List.of(new DomainSpec(DOMAIN, NETBIOS, null)), List.of(),
                    List.of(new UserSpec("svc-hvmigrate", DOMAIN, null, null)), List.of(), clusters, fileServers, hosts, all, List.of(),
                    null);
            List<String> problems = FleetLoader.validate(fleet);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the generated bench fleet is invalid: " + String.join("; ", problems));
            }
            return new BenchFleet(size, fleet, wave, 2);
        }

        private static Group group(String name, String cluster, String hostPrefix, String vmPrefix, int count) {
            int old = Math.max(1, count / 2);
            List<String> olds = new ArrayList<>();
            List<String> news = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                (i <= old ? olds : news).add(hostPrefix + i);
            }
            return new Group(name, cluster, vmPrefix, olds, news);
        }

        private List<VmSpec> vmsOf(Group g, int count, java.util.function.IntFunction<Storage> storageOf) {
            List<VmSpec> out = new ArrayList<>();
            String format = "%s-%0" + Math.max(3, String.valueOf(size.vms()).length()) + "d";
            for (int i = 0; i < count; i++) {
                String name = String.format(Locale.ROOT, format, g.prefix(), i + 1);
                String host = g.oldHosts().get(i % g.oldHosts().size());
                Storage storage = storageOf.apply(i);
                long memoryMB = memoryGB() * 1024L;
                long dirty = 5 + Math.round(Math.pow(random.nextDouble(), 2) * 145);   // mostly quiet, a few busy
                String folder = folderOf(storage, name);
                List<VmSpec.DiskSpec> disks = new ArrayList<>();
                disks.add(new VmSpec.DiskSpec(folder + "\\Virtual Hard Disks\\" + name + "-os.vhdx", 40L + random.nextInt(88)));
                if (random.nextBoolean()) {
                    disks.add(new VmSpec.DiskSpec(folder + "\\Virtual Hard Disks\\" + name + "-data.vhdx", 50L + random.nextInt(351)));
                }
                VmSpec.ClusterGroupSpec role = g.cluster() == null ? null
                        : new VmSpec.ClusterGroupSpec(null, List.of(1000, 2000, 3000).get(random.nextInt(3)), null, null, null);
                out.add(new VmSpec(name, null, host, 2, "10.0", "Running", memoryMB, memoryMB, dirty, 2 + 2 * random.nextInt(4),
                        false, folder, disks, null, List.of("LAN"), role));
            }
            return out;
        }

        /** 2 to 64 GiB, weighted towards the small sizes most fleets are made of. */
        private int memoryGB() {
            int r = random.nextInt(100);
            if (r < 15) {
                return 2;
            }
            if (r < 40) {
                return 4;
            }
            if (r < 65) {
                return 8;
            }
            if (r < 83) {
                return 16;
            }
            if (r < 95) {
                return 32;
            }
            return 64;
        }

        private static String folderOf(Storage storage, String vm) {
            return switch (storage) {
                case CSV -> "C:\\ClusterStorage\\Volume1\\" + vm;
                case SOFS -> "\\\\SOFS1\\vms\\" + vm;
                case SHARE -> "\\\\FS1\\vmstore\\" + vm;
                case LOCAL -> "D:\\VMs\\" + vm;
            };
        }

        private static Storage storageOf(VmSpec vm) {
            String p = vm.path();
            if (p.startsWith("\\\\SOFS1")) {
                return Storage.SOFS;
            }
            if (p.startsWith("\\\\FS1")) {
                return Storage.SHARE;
            }
            return p.startsWith("C:") ? Storage.CSV : Storage.LOCAL;
        }

        /** Largest first, each to the new host with the least work so far (by the planner's estimate of seconds). */
        private void assign(Group g, List<VmSpec> groupVms) {
            double[] given = new double[g.newHosts().size()];
            List<VmSpec> bySize = new ArrayList<>(groupVms);
            bySize.sort(Comparator.comparingDouble(Generator::estimateSeconds).reversed().thenComparing(VmSpec::name));
            for (VmSpec vm : bySize) {
                int best = 0;
                for (int i = 1; i < given.length; i++) {
                    if (given[i] < given[best]) {
                        best = i;
                    }
                }
                given[best] += estimateSeconds(vm);
                String storagePath = storageOf(vm) == Storage.LOCAL ? vm.path() : null;
                wave.add(new Move(vm.name(), vm.host(), g.newHosts().get(best), storagePath));
            }
        }

        /** Memory over the link (doubled by compression), and the disks too when they move. */
        private static double estimateSeconds(VmSpec vm) {
            double seconds = vm.memoryStartupMB() / (2 * LINK_MBPS);
            if (storageOf(vm) == Storage.LOCAL) {
                seconds += vm.disks().stream().mapToLong(d -> d.sizeGB() * 1024).sum() / LINK_MBPS;
            }
            return seconds;
        }

        private void addHosts(Group g, List<VmSpec> groupVms) {
            long groupMemoryGB = groupVms.stream().mapToLong(v -> v.memoryStartupMB() / 1024).sum();
            long groupLocalGB = diskGB(groupVms, Storage.LOCAL);
            int fewest = Math.min(g.oldHosts().size(), g.newHosts().size());
            // room for the whole group's share on either side, with headroom for an uneven spread
            long memoryTotalGB = Math.max(512, roundUp(groupMemoryGB * 2 / fewest + 64, 256));
            List<String> all = new ArrayList<>(g.oldHosts());
            all.addAll(g.newHosts());
            // VMs alternate between storages while hosts take them in turn: one host may hold far more than its share
            long mostLocalGB = all.stream().mapToLong(name -> diskGB(groupVms.stream().filter(v -> v.host().equals(name)).toList(),
                    Storage.LOCAL)).max().orElse(0);
            long volumeGB = Math.max(Math.max(2048, roundUp(groupLocalGB * 2 / fewest + 500, 1024)), roundUp(mostLocalGB + 500, 1024));
            for (String name : all) {
                long usedGB = groupVms.stream().filter(v -> v.host().equals(name)).mapToLong(v -> v.memoryStartupMB() / 1024).sum();
                long localGB = diskGB(groupVms.stream().filter(v -> v.host().equals(name)).toList(), Storage.LOCAL);
                int n = hosts.size() + 1;
                hosts.add(new HostSpec(name, DOMAIN, 2022, g.cluster(), null,
                        new HostSpec.WinRmSpec("127.0." + (2 + n / 250) + "." + (n % 250), null, null, null),
                        dataAddress(size, 1, n), List.of(dataAddress(size, 2, n)),
                        new HostSpec.MigrationSpec(true, "Kerberos", "Compression", false, 2, 2),
                        List.of(new HostSpec.MigrationNetworkSpec(migrationSubnet(size), 0)), null, null, List.of("LAN"),
                        new HostSpec.ProcessorSpec("GenuineIntel", null, "IceLake"), memoryTotalGB, memoryTotalGB - usedGB - 16,
                        List.of(new VolumeSpec("D:\\", volumeGB, volumeGB - localGB)), null, null, null,
                        g.cluster() == null ? delegation(name, all) : null,
                        // the first host is also the domain's DC: the bench reads the directory through it (no second hop)
                        hosts.isEmpty() ? Boolean.TRUE : null));
            }
        }

        /**
         * Constrained delegation with protocol transition from a standalone host to every other standalone host (both
         * SPN forms of the migration service and cifs, reference §3.2) and to the file server its VMs' files are on.
         */
        private static AccountSpec delegation(String self, List<String> group) {
            List<String> spns = new ArrayList<>();
            for (String peer : group) {
                if (peer.equals(self)) {
                    continue;
                }
                String fqdn = peer.toLowerCase(Locale.ROOT) + "." + DOMAIN;
                spns.add("Microsoft Virtual System Migration Service/" + fqdn);
                spns.add("Microsoft Virtual System Migration Service/" + peer);
                spns.add("cifs/" + fqdn);
                spns.add("cifs/" + peer);
            }
            spns.add("cifs/fs1." + DOMAIN);
            spns.add("cifs/FS1");
            return new AccountSpec(spns, true, null, null, null, null);
        }

        private ClusterSpec cluster(String name, int maximumParallelMigrations, List<VmSpec> groupVms) {
            long csvGB = Math.max(8192, roundUp(3 * diskGB(groupVms, Storage.CSV), 1024));
            return new ClusterSpec(name, DOMAIN, maximumParallelMigrations,
                    List.of(new VolumeSpec("C:\\ClusterStorage\\Volume1", csvGB, csvGB - diskGB(groupVms, Storage.CSV))),
                    List.of(new ClusterSpec.ClusterNetworkSpec("Management", managementSubnet(size), "ClusterAndClient"),
                            new ClusterSpec.ClusterNetworkSpec("LiveMigration", migrationSubnet(size), "Cluster")),
                    List.of("LiveMigration", "Management"), List.of(), null);
        }

        private static long diskGB(List<VmSpec> vms) {
            return vms.stream().flatMap(v -> v.disks().stream()).mapToLong(VmSpec.DiskSpec::sizeGB).sum();
        }

        private static long diskGB(List<VmSpec> vms, Storage storage) {
            return diskGB(vms.stream().filter(v -> storageOf(v) == storage).toList());
        }

        private static long roundUp(long value, long step) {
            return (value + step - 1) / step * step;
        }
    }
}
