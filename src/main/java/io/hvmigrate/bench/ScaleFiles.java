package io.hvmigrate.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * The inventory, facts snapshot and playbook of a fleet of any size, for measuring planning and checking as they grow:
 * clusters of eight nodes on CSV (four fifths of the hosts) and standalone hosts on local disks, VMs spread evenly,
 * every cluster's VMs highly available. The playbook drains one node in ten (and one standalone host in ten, to a
 * named peer) and moves one VM in twenty by name, so both look-ups by host and by VM grow with the fleet. Names and
 * ids are deterministic: the same size writes the same files.
 */
public final class ScaleFiles {
    private static final int CLUSTER_SIZE = 8;

    /** A fleet size. */
    public record Size(int hosts, int vms) {
        public Size {
            if (hosts < CLUSTER_SIZE * 2 || hosts > 100_000) {
                throw new IllegalArgumentException("--hosts must be between " + CLUSTER_SIZE * 2 + " and 100000");
            }
            if (vms < hosts || vms > 1_000_000) {
                throw new IllegalArgumentException("--vms must be between the number of hosts and 1000000");
            }
        }

        /** The same fleet divided by {@code d}, never below the smallest size. */
        public Size divided(int d) {
            return new Size(Math.max(CLUSTER_SIZE * 2, hosts / d), Math.max(Math.max(CLUSTER_SIZE * 2, hosts / d), vms / d));
        }
    }

    /** The files written. */
    public record Written(Path inventory, Path facts, Path playbook, int moves) {
    }

    private ScaleFiles() {
    }

    /** Writes the three files into {@code dir}; facts as JSON when {@code json}, else YAML. */
    public static Written write(Size size, Path dir, boolean json) throws IOException {
        Files.createDirectories(dir);
        int clustered = size.hosts() * 4 / 5 / CLUSTER_SIZE * CLUSTER_SIZE;
        Path inventory = dir.resolve("inventory.yaml");
        try (BufferedWriter w = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
            w.write("version: 1\ndefaults: { transport: https, auth: kerberos, user: 'LAB\\svc-hvmigrate' }\nhosts:\n");
            for (int h = 0; h < size.hosts(); h++) {
                w.write("  - { name: " + host(h) + ", fqdn: " + host(h) + ".lab.test }\n");
            }
            w.write("clusters:\n");
            for (int c = 0; c < clustered / CLUSTER_SIZE; c++) {
                w.write("  - { name: " + cluster(c) + ", fqdn: " + cluster(c).toLowerCase(Locale.ROOT) + ".lab.test }\n");
            }
        }
        Path facts = dir.resolve(json ? "facts.json" : "facts.yaml");
        try (BufferedWriter w = Files.newBufferedWriter(facts, StandardCharsets.UTF_8)) {
            if (json) {
                writeJson(w, size, clustered);
            } else {
                writeYaml(w, size, clustered);
            }
        }
        Path playbook = dir.resolve("playbook.yaml");
        int moves = 0;
        try (BufferedWriter w = Files.newBufferedWriter(playbook, StandardCharsets.UTF_8)) {
            w.write("version: 1\nname: scale-" + size.hosts() + "-" + size.vms() + "\nmoves:\n");
            for (int h = 0; h < size.hosts(); h += 10) {
                if (h < clustered) {
                    w.write("  - drain: " + host(h) + "\n");
                } else if (h + 1 < size.hosts()) {
                    w.write("  - { drain: " + host(h) + ", to: " + host(h + 1) + " }\n");
                } else {
                    continue;
                }
                moves++;
            }
            for (int v = 5; v < size.vms(); v += 20) {
                int h = hostOf(v, size);
                if (h % 10 == 0) {
                    continue; // drained already
                }
                int to = h < clustered ? (h / CLUSTER_SIZE) * CLUSTER_SIZE + (h % CLUSTER_SIZE + 1) % CLUSTER_SIZE
                        : (h + 1 < size.hosts() ? h + 1 : clustered);
                if (to % 10 == 0) {
                    continue;
                }
                w.write("  - { vm: " + vm(v) + ", to: " + host(to) + (h < clustered ? "" : ", storagePath: 'D:\\VMs\\" + vm(v) + "'")
                        + " }\n");
                moves++;
            }
        }
        return new Written(inventory, facts, playbook, moves);
    }

    private static void writeYaml(BufferedWriter w, Size size, int clustered) throws IOException {
        w.write("version: 1\ncollectedAt: 2026-12-01T00:00:00Z\nclusters:\n");
        for (int c = 0; c < clustered / CLUSTER_SIZE; c++) {
            w.write("  - { name: " + cluster(c) + ", fqdn: " + cluster(c).toLowerCase(Locale.ROOT) + ".lab.test, nodes: [");
            for (int n = 0; n < CLUSTER_SIZE; n++) {
                w.write((n == 0 ? "" : ", ") + host(c * CLUSTER_SIZE + n));
            }
            w.write("], maximumParallelMigrations: 2, csvVolumes: [{ path: 'C:\\ClusterStorage\\Volume1', free: 20TB }] }\n");
        }
        w.write("hosts:\n");
        for (int h = 0; h < size.hosts(); h++) {
            boolean inCluster = h < clustered;
            w.write("  - { name: " + host(h) + ", fqdn: " + host(h) + ".lab.test, os: Windows Server 2022"
                    + (inCluster ? ", cluster: " + cluster(h / CLUSTER_SIZE) + ", nodeState: Up" : "")
                    + ", migration: { enabled: true, authenticationType: Kerberos, performanceOption: Compression,"
                    + " useAnyNetwork: false, maximumVirtualMachineMigrations: 2, maximumStorageMigrations: 2 }"
                    + ", migrationNetworks: [{ subnet: 198.51.100.0/24, priority: 0 }]"
                    + ", switches: [vSwitch-Prod], processor: { vendor: GenuineIntel, model: Xeon Gold 6338 }"
                    + ", supportedVersions: ['9.0', '10.0'], memory: { total: 1TB, available: 700GB }"
                    + ", volumes: [{ path: 'D:\\', free: 10TB }], virtualMachinePath: 'D:\\Hyper-V' }\n");
        }
        w.write("vms:\n");
        for (int v = 0; v < size.vms(); v++) {
            int h = hostOf(v, size);
            boolean inCluster = h < clustered;
            String path = inCluster ? "C:\\ClusterStorage\\Volume1\\" + vm(v) : "D:\\VMs\\" + vm(v);
            w.write("  - { name: " + vm(v) + ", id: " + id(v) + ", host: " + host(h) + ", version: '10.0', memory: 4GB"
                    + ", path: '" + path + "', disks: [{ path: '" + path + "\\" + vm(v) + ".vhdx', size: 60GB }]"
                    + ", switches: [vSwitch-Prod]"
                    + (inCluster ? ", group: { name: " + vm(v) + ", ownerNode: " + host(h) + ", state: Online, priority: 2000 }" : "")
                    + " }\n");
        }
    }

    private static void writeJson(BufferedWriter w, Size size, int clustered) throws IOException {
        w.write("{\"version\":1,\"collectedAt\":\"2026-12-01T00:00:00Z\",\"clusters\":[");
        for (int c = 0; c < clustered / CLUSTER_SIZE; c++) {
            w.write((c == 0 ? "" : ",") + "{\"name\":\"" + cluster(c) + "\",\"fqdn\":\"" + cluster(c).toLowerCase(Locale.ROOT)
                    + ".lab.test\",\"nodes\":[");
            for (int n = 0; n < CLUSTER_SIZE; n++) {
                w.write((n == 0 ? "" : ",") + "\"" + host(c * CLUSTER_SIZE + n) + "\"");
            }
            w.write("],\"maximumParallelMigrations\":2,\"csvVolumes\":[{\"path\":\"C:\\\\ClusterStorage\\\\Volume1\",\"free\":\"20TB\"}]}");
        }
        w.write("],\"hosts\":[");
        for (int h = 0; h < size.hosts(); h++) {
            boolean inCluster = h < clustered;
            w.write((h == 0 ? "" : ",") + "{\"name\":\"" + host(h) + "\",\"fqdn\":\"" + host(h) + ".lab.test\",\"os\":\"Windows Server 2022\""
                    + (inCluster ? ",\"cluster\":\"" + cluster(h / CLUSTER_SIZE) + "\",\"nodeState\":\"Up\"" : "")
                    + ",\"migration\":{\"enabled\":true,\"authenticationType\":\"Kerberos\",\"performanceOption\":\"Compression\","
                    + "\"useAnyNetwork\":false,\"maximumVirtualMachineMigrations\":2,\"maximumStorageMigrations\":2}"
                    + ",\"migrationNetworks\":[{\"subnet\":\"198.51.100.0/24\",\"priority\":0}]"
                    + ",\"switches\":[\"vSwitch-Prod\"],\"processor\":{\"vendor\":\"GenuineIntel\",\"model\":\"Xeon Gold 6338\"}"
                    + ",\"supportedVersions\":[\"9.0\",\"10.0\"],\"memory\":{\"total\":\"1TB\",\"available\":\"700GB\"}"
                    + ",\"volumes\":[{\"path\":\"D:\\\\\",\"free\":\"10TB\"}],\"virtualMachinePath\":\"D:\\\\Hyper-V\"}");
        }
        w.write("],\"vms\":[");
        for (int v = 0; v < size.vms(); v++) {
            int h = hostOf(v, size);
            boolean inCluster = h < clustered;
            String path = inCluster ? "C:\\\\ClusterStorage\\\\Volume1\\\\" + vm(v) : "D:\\\\VMs\\\\" + vm(v);
            w.write((v == 0 ? "" : ",") + "{\"name\":\"" + vm(v) + "\",\"id\":\"" + id(v) + "\",\"host\":\"" + host(h)
                    + "\",\"version\":\"10.0\",\"memory\":\"4GB\",\"path\":\"" + path + "\",\"disks\":[{\"path\":\"" + path + "\\\\"
                    + vm(v) + ".vhdx\",\"size\":\"60GB\"}],\"switches\":[\"vSwitch-Prod\"]"
                    + (inCluster ? ",\"group\":{\"name\":\"" + vm(v) + "\",\"ownerNode\":\"" + host(h)
                    + "\",\"state\":\"Online\",\"priority\":2000}" : "") + "}");
        }
        w.write("]}\n");
    }

    static int hostOf(int vm, Size size) {
        return vm % size.hosts();
    }

    static String host(int h) {
        return String.format(Locale.ROOT, "hv-%05d", h);
    }

    static String cluster(int c) {
        return String.format(Locale.ROOT, "CL-%04d", c);
    }

    static String vm(int v) {
        return String.format(Locale.ROOT, "vm-%07d", v);
    }

    static String id(int v) {
        return UUID.nameUUIDFromBytes(("scale-vm-" + v).getBytes(StandardCharsets.US_ASCII)).toString();
    }
}
