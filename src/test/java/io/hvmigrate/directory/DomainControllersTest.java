package io.hvmigrate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.hvmigrate.sim.tls.FleetCertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DC locator's SRV query, answered by a DNS responder on loopback. */
class DomainControllersTest {

    /** A UDP DNS responder for SRV questions: name → records (priority, weight, port, target); others NXDOMAIN. */
    static final class SrvResponder implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        SrvResponder(Map<String, List<int[]>> ports, Map<String, List<String>> targets) throws SocketException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket q = new DatagramPacket(buf, buf.length);
                        socket.receive(q);
                        byte[] a = answer(ByteBuffer.wrap(q.getData(), 0, q.getLength()), ports, targets);
                        socket.send(new DatagramPacket(a, a.length, q.getSocketAddress()));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        private static byte[] answer(ByteBuffer in, Map<String, List<int[]>> ports, Map<String, List<String>> targets) {
            short id = in.getShort();
            in.getShort(); // flags
            in.getShort(); // qdcount
            in.position(12);
            int qStart = 12;
            StringBuilder name = new StringBuilder();
            for (int len = in.get() & 0xff; len > 0; len = in.get() & 0xff) {
                byte[] label = new byte[len];
                in.get(label);
                name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
            }
            in.getShort(); // qtype
            in.getShort(); // qclass
            int qEnd = in.position();
            String key = name.toString().toLowerCase(java.util.Locale.ROOT);
            List<int[]> p = ports.get(key);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer h = ByteBuffer.allocate(12);
            h.putShort(id).putShort((short) (p == null ? 0x8183 : 0x8180)).putShort((short) 1)
                    .putShort((short) (p == null ? 0 : p.size())).putShort((short) 0).putShort((short) 0);
            out.writeBytes(h.array());
            out.write(in.array(), qStart, qEnd - qStart);
            if (p != null) {
                for (int i = 0; i < p.size(); i++) {
                    ByteArrayOutputStream target = new ByteArrayOutputStream();
                    for (String l : targets.get(key).get(i).split("\\.")) {
                        target.write(l.length());
                        target.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
                    }
                    target.write(0);
                    ByteBuffer rr = ByteBuffer.allocate(2 + 10 + 6);
                    rr.putShort((short) 0xC00C).putShort((short) 33).putShort((short) 1).putInt(600)
                            .putShort((short) (6 + target.size()))
                            .putShort((short) p.get(i)[0]).putShort((short) p.get(i)[1]).putShort((short) p.get(i)[2]);
                    out.writeBytes(rr.array());
                    out.writeBytes(target.toByteArray());
                }
            }
            return out.toByteArray();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(2000);
        }
    }

    @Test
    void findsTheDomainsDcsBySrvLowestPriorityFirst() throws Exception {
        String name = "_ldap._tcp.dc._msdcs.lab.test";
        try (SrvResponder dns = new SrvResponder(
                Map.of(name, List.of(new int[] {10, 100, 389}, new int[] {0, 50, 389}, new int[] {0, 100, 389})),
                Map.of(name, List.of("dc3.lab.test", "dc2.lab.test", "dc1.lab.test")))) {
            List<DomainControllers.Dc> dcs = DomainControllers.locate("LAB.TEST", dns.address(), Duration.ofSeconds(2));
            assertThat(dcs).extracting(DomainControllers.Dc::host).containsExactly("dc1.lab.test", "dc2.lab.test", "dc3.lab.test");
            assertThat(dcs.getFirst().port()).isEqualTo(389);
        }
    }

    @Test
    void theLdapDirectoryOfADomainTalksToTheDcDnsNames() throws Exception {
        String name = "_ldap._tcp.dc._msdcs.lab.test";
        try (SrvResponder dns = new SrvResponder(Map.of(name, List.<int[]>of(new int[] {0, 100, 1})),
                Map.of(name, List.of("dc7.lab.test")))) {
            LdapDirectory d = new LdapDirectory(new io.hvmigrate.model.Inventory.DirectoryRef(null, null, "svc@LAB.TEST",
                    null, null, null, null, "lab.test", dns.address()), () -> "pw", Duration.ofSeconds(2));
            assertThat(d.where()).contains(name);
            // the DC it connects to (not connected here: names in tests never go to the system's resolver)
            assertThat(d.url()).hasToString("ldap://dc7.lab.test:1");
            assertThat(d.where()).isEqualTo("ldap://dc7.lab.test:1");
        }
    }

    @Test
    void aDomainWithNoSrvRecordSaysSo() throws Exception {
        try (SrvResponder dns = new SrvResponder(Map.of(), Map.of())) {
            assertThatThrownBy(() -> DomainControllers.locate("nowhere.test", dns.address(), Duration.ofSeconds(2)))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessageContaining("_ldap._tcp.dc._msdcs.nowhere.test");
        }
    }

    /**
     * A directory on loopback that answers but offers no StartTLS (its server side would look its client's address up to
     * convert to TLS, which these tests do not allow): reaching it is what shows the DC before it was passed over.
     */
    static InMemoryDirectoryServer plainDirectory() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("DC=lab,DC=test");
        cfg.setSchema(null);
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(cfg);
        server.startListening();
        return server;
    }

    /**
     * A loopback TCP port that refuses connections while the returned socket is open: it is bound and listens to
     * nothing, so no other listener can take the port during the test (a port merely freed can be handed out again).
     */
    static java.net.Socket closedPort() throws Exception {
        java.net.Socket s = new java.net.Socket();
        s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    static LdapDirectory ofDomain(String dns, Path ca) {
        return new LdapDirectory(new io.hvmigrate.model.Inventory.DirectoryRef(null, "DC=lab,DC=test", "CN=svc,DC=lab,DC=test",
                io.hvmigrate.model.CredentialRef.parse("env:LAB_PW"), null, null, ca, "lab.test", dns), () -> "pw", Duration.ofSeconds(2));
    }

    @Test
    void aDcThatDoesNotAnswerIsPassedOverForTheNextTheDnsNames(@TempDir Path tmp) throws Exception {
        String name = "_ldap._tcp.dc._msdcs.lab.test";
        InMemoryDirectoryServer server = plainDirectory();
        java.net.Socket held = closedPort();
        int down = held.getLocalPort();
        int up = server.getListenPort();
        try (held; SrvResponder dns = new SrvResponder(Map.of(name, List.of(new int[] {0, 100, down}, new int[] {10, 100, up})),
                Map.of(name, List.of("127.0.0.1", "127.0.0.1")));
             LdapDirectory d = ofDomain(dns.address(), FleetCertificateAuthority.create("x").writePem(tmp.resolve("ca.pem")))) {
            // the second DC answered (and, offering no StartTLS, was refused: hvmigrate never binds unencrypted)
            assertThatThrownBy(() -> d.computers(List.of("HV1")))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessageStartingWith("ldap://127.0.0.1:" + up + ": the server refused StartTLS")
                    .hasMessageNotContaining(":" + down);
            assertThat(d.where()).isEqualTo("ldap://127.0.0.1:" + up);
        } finally {
            server.shutDown(true);
        }
    }

    @Test
    void whenNoDcAnswersTheMessageNamesEachOne(@TempDir Path tmp) throws Exception {
        String name = "_ldap._tcp.dc._msdcs.lab.test";
        java.net.Socket heldA = closedPort();
        java.net.Socket heldB = closedPort();
        int a = heldA.getLocalPort();
        int b = heldB.getLocalPort();
        try (heldA; heldB; SrvResponder dns = new SrvResponder(Map.of(name, List.of(new int[] {0, 100, a}, new int[] {0, 50, b})),
                Map.of(name, List.of("127.0.0.1", "127.0.0.1")));
             LdapDirectory d = ofDomain(dns.address(), FleetCertificateAuthority.create("x").writePem(tmp.resolve("ca.pem")))) {
            assertThatThrownBy(() -> d.computers(List.of("HV1")))
                    .isInstanceOf(DirectoryException.class)
                    .hasMessageContaining("no domain controller of lab.test answered")
                    .hasMessageContaining("ldap://127.0.0.1:" + a)
                    .hasMessageContaining("ldap://127.0.0.1:" + b);
        }
    }
}
