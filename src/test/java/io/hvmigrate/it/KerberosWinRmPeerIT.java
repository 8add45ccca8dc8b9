package io.hvmigrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos end to end for WinRM, with tickets from a real KDC and delegation kept in a real directory: a throw-away
 * Samba AD domain controller ({@code .ci/samba-lab.sh}) issues the keytabs of {@code HTTP/hv1.lab.test} and
 * {@code HTTP/hv2.lab.test} and holds the hosts' computer accounts with HV1's delegation planted incomplete; hvsim,
 * given the keytabs and the directory, accepts Kerberos on those hosts and keeps its AD state in Samba. The engine, as
 * user {@code alice@LAB.TEST} with her password, gets its tickets from the KDC; {@code check} finds the missing
 * {@code cifs/hv2.lab.test}, {@code run} refuses, {@code delegation apply} writes the fix into Samba (samba-tool shows
 * it), a second apply changes nothing, and the shared-nothing move then runs over Kerberos-authenticated WinRM
 * (HTTPS, certificate checked). The move back then goes through the engine's own LDAP backend: the inventory names
 * Samba ({@code directory: {kind: ldap}}, bound with Kerberos from a keytab), {@code check} finds HV2's planted gap
 * exactly as the PowerShell backend does, with evidence naming the LDAP server, {@code delegation apply} writes the
 * fix over LDAPS, the hosts' tickets are purged over WinRM, and the move back succeeds.
 * Names resolve through a test hosts file ({@code -Djdk.net.hosts.file}); the Kerberos configuration is the lab's
 * ({@code -Djava.security.krb5.conf}). Both hvsim and the engine run as the packaged jar in their own processes, as a
 * user runs them. Runs with {@code -Dhvmigrate.peers=true} (as {@code .ci/run} does), where Samba is installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KerberosWinRmPeerIT {
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+(HV\\S*)\\s+(\\S+)\\s+https?://127\\.0\\.1\\.\\d+:(\\d+)/wsman$");
    private static final Pattern ABOUT = Pattern.compile("^about:\\s+(http://127\\.0\\.0\\.1:\\d+)/about\\b.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The hosts of the lab fleet the lab tour's seven scenarios touch; the KDC holds their HTTP/ keys. */
    private static final List<String> LAB_TOUR_HOSTS = List.of("hv-a1", "hv-a2", "hv-a3", "hv-b1", "hv-b2", "hv-s1", "hv-s2", "hv-s3");

    @TempDir
    static Path dir;
    static Path dc;
    static Sim sim;
    static Map<String, Integer> ports;
    static String admin;
    static Path hosts;

    @BeforeAll
    static void startDomainAndFleet() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("hvmigrate.peers"),
                "peer test: run with -Dhvmigrate.peers=true (as .ci/run does) on a machine with Samba installed");
        dc = dir.resolve("dc");
        List<String> start0 = new ArrayList<>(List.of("sh", ".ci/samba-lab.sh", "start", dc.toString(), "hv1", "hv2"));
        start0.addAll(LAB_TOUR_HOSTS);
        Process start = new ProcessBuilder(start0)
                .redirectErrorStream(true).redirectOutput(dir.resolve("samba-lab.log").toFile()).start();
        assertThat(start.waitFor(180, TimeUnit.SECONDS)).as("samba-lab start within 3 min").isTrue();
        assertThat(start.exitValue()).as(Files.readString(dir.resolve("samba-lab.log"))).isZero();

        hosts = dir.resolve("hosts");
        Files.writeString(hosts, Files.readString(dc.resolve("hosts"))
                + "127.0.1.61 hv1.lab.test hv1\n127.0.1.62 hv2.lab.test hv2\n");

        sim = Sim.start(kerberosPair(false, "sim"));
        ports = sim.ports();
        admin = sim.admin();
        assertThat(sim.printed()).as("hvsim output").contains("kerberos:  HTTP/<fqdn> accepted on HV1, HV2");
        assertThat(ports).containsOnlyKeys("HV1", "HV2");
    }

    /** The arguments of {@code sim} for the Kerberos pair backed by Samba's directory, over HTTPS or HTTP. */
    private static List<String> kerberosPair(boolean http, String simDir) {
        List<String> args = new ArrayList<>(List.of("sim", "--fleet", "src/test/resources/fleets/kerberos-pair.yaml",
                "--keytab", dc.resolve("keytabs/http-hv1.keytab").toString(),
                "--keytab", dc.resolve("keytabs/http-hv2.keytab").toString(),
                "--directory", "ldaps://127.0.0.1:636",
                "--directory-bind", "CN=Administrator,CN=Users,DC=lab,DC=test",
                "--directory-password-file", dc.resolve("admin.password").toString(),
                "--directory-ca", dc.resolve("private/tls/ca.pem").toString(),
                "--dir", dir.resolve(simDir).toString(), "--duration", "5m"));
        if (http) {
            args.add("--http");
        }
        return args;
    }

    /** An hvsim process with the lab's Kerberos configuration: what it printed, its hosts' ports and its admin URL. */
    record Sim(Process process, List<String> printed, Map<String, Integer> ports, String admin) implements AutoCloseable {
        static Sim start(List<String> args) throws Exception {
            Process p = java(List.of("-Djava.security.krb5.conf=" + dc.resolve("krb5.conf")), args.toArray(String[]::new))
                    .redirectErrorStream(true).start();
            List<String> printed = readUntilReady(p);
            Map<String, Integer> ports = new LinkedHashMap<>();
            String admin = null;
            for (String line : printed) {
                Matcher m = ENDPOINT.matcher(line);
                if (m.matches()) {
                    ports.put(m.group(1), Integer.parseInt(m.group(3)));
                }
                Matcher a = ABOUT.matcher(line);
                if (a.matches()) {
                    admin = a.group(1);
                }
            }
            return new Sim(p, printed, ports, admin);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterAll
    static void stopDomainAndFleet() throws Exception {
        if (sim != null) {
            sim.close();
        }
        if (dc != null) {
            Process stop = new ProcessBuilder("sh", ".ci/samba-lab.sh", "stop", dc.toString()).inheritIO().start();
            if (!stop.waitFor(60, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void delegationFoundMissingInTheRealDirectoryIsFixedThereAndTheMoveThenRunsOverKerberos() throws Exception {
        Path inventory = inventory("alice.password");
        Path playbook = dir.resolve("move.yaml");
        Files.writeString(playbook, """
                version: 1
                name: kerberos-move
                moves:
                  - { vm: web1, to: hv2, storagePath: 'D:\\VMs\\web1' }
                """);
        assertThat(where("web1")).isEqualTo("HV1");

        // the planted gap, read from Samba through the simulated host's Get-ADComputer over Kerberos WinRM
        Result check = engine("check", playbook.toString(), "-i", inventory.toString(), "--output", "json");
        assertThat(check.exit()).as("check: %s%n%s", check.out(), check.err()).isEqualTo(3);
        assertThat(check.out()).contains("delegation.missing", "cifs/hv2.lab.test", "HV1$");
        Result refused = engine("run", playbook.toString(), "-i", inventory.toString(), "--set", "runs.dir=" + dir.resolve("runs"));
        assertThat(refused.exit()).as("run before the fix: %s%n%s", refused.out(), refused.err()).isEqualTo(3);
        assertThat(where("web1")).isEqualTo("HV1");
        assertThat(sambaDelegation("HV1$")).doesNotContain("msDS-AllowedToDelegateTo: cifs/hv2.lab.test");

        Result apply = engine("delegation", "apply", "--yes", "--playbook", playbook.toString(), "-i", inventory.toString());
        assertThat(apply.exit()).as("apply: %s%n%s", apply.out(), apply.err()).isZero();
        assertThat(apply.out()).contains("added", "cifs/hv2.lab.test", "klist purge -li 0x3e7");
        // the real directory holds the fix, and kept what was there
        assertThat(sambaDelegation("HV1$")).contains("msDS-AllowedToDelegateTo: cifs/hv2.lab.test",
                "msDS-AllowedToDelegateTo: cifs/HV2", "msDS-AllowedToDelegateTo: Microsoft Virtual System Migration Service/hv2.lab.test");
        Result again = engine("delegation", "apply", "--yes", "--playbook", playbook.toString(), "-i", inventory.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Nothing to change");

        Result r = engine("run", playbook.toString(), "-i", inventory.toString(), "--output", "json",
                "--set", "runs.dir=" + dir.resolve("runs"));
        assertThat(r.exit()).as("run: %s%n%s", r.out(), r.err()).isZero();
        JsonNode finished = lastEvent(r.out(), "run-finished");
        assertThat(finished.path("exitCode").asInt()).isZero();
        assertThat(where("web1")).isEqualTo("HV2");
        String secret = Files.readString(dc.resolve("alice.password")).strip();
        assertThat(check.out() + check.err() + apply.out() + apply.err() + r.out() + r.err()).doesNotContain(secret);
    }

    private static String sambaDelegation(String account) throws Exception {
        Process p = new ProcessBuilder("samba-tool", "delegation", "show", account, "-s", dc.resolve("etc/smb.conf").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    @Order(2)
    void theMoveBackIsCheckedAndFixedThroughTheLdapBackendWithAKerberosBind() throws Exception {
        assertThat(where("web1")).as("the first test moved web1").isEqualTo("HV2");
        Path playbook = dir.resolve("back.yaml");
        Files.writeString(playbook, """
                version: 1
                name: kerberos-move-back
                moves:
                  - { vm: web1, to: hv1, storagePath: 'D:\\VMs\\web1' }
                """);
        Path viaHosts = inventory("alice.password");
        Path viaKerberos = ldapInventory(inventory("alice.password", ""), "ldap://dc1.lab.test", "admin.keytab");
        Path viaLdaps = ldapsInventory(inventory("alice.password", ""));

        Result overWinRm = engine("check", playbook.toString(), "-i", viaHosts.toString(), "--output", "json");
        Result overKerberos = engine("check", playbook.toString(), "-i", viaKerberos.toString(), "--output", "json");
        Result overLdaps = engine("check", playbook.toString(), "-i", viaLdaps.toString(), "--output", "json");

        assertThat(overKerberos.exit()).as("check over LDAP, Kerberos bind: %s%n%s", overKerberos.out(), overKerberos.err()).isEqualTo(3);
        assertThat(overLdaps.exit()).as("check over LDAPS: %s%n%s", overLdaps.out(), overLdaps.err()).isEqualTo(3);
        assertThat(overWinRm.exit()).as("check over WinRM: %s%n%s", overWinRm.out(), overWinRm.err()).isEqualTo(3);
        JsonNode kerberosFindings = JSON.readTree(overKerberos.out()).path("findings");
        // HV2 was planted with only the folklore SPN and no protocol transition
        assertThat(kerberosFindings.toString()).contains("delegation.missing", "cifs/hv1.lab.test", "HV2$", "delegation.protocol-transition",
                "delegation.useless-entry", "directory (ldap://dc1.lab.test): HV2$ msDS-AllowedToDelegateTo = ");
        assertThat(overLdaps.out()).contains("directory (ldaps://127.0.0.1:636): HV2$ msDS-AllowedToDelegateTo = ");
        // the same directory read three ways gives the same findings; only the evidence's source differs
        assertThat(sameSource(kerberosFindings)).isEqualTo(sameSource(JSON.readTree(overWinRm.out()).path("findings")))
                .isEqualTo(sameSource(JSON.readTree(overLdaps.out()).path("findings")));
        assertThat(overWinRm.out()).doesNotContain("ldap://", "ldaps://");

        Result apply = engine("delegation", "apply", "--yes", "--playbook", playbook.toString(), "-i", viaLdaps.toString(), "-o", "json");
        assertThat(apply.exit()).as("apply over LDAP: %s%n%s", apply.out(), apply.err()).isZero();
        JsonNode applied = JSON.readTree(apply.out());
        assertThat(applied.path("via").asText()).isEqualTo("ldaps://127.0.0.1:636");
        assertThat(applied.path("changed").asBoolean()).isTrue();
        assertThat(applied.path("after").path("complete").asBoolean()).as(apply.out()).isTrue();
        // the source's tickets purged over WinRM (klist purge -li 0x3e7), not through the directory
        assertThat(applied.path("purges").toString()).isEqualTo("[{\"host\":\"hv2\",\"ok\":true,\"detail\":\"tickets purged\"}]");
        assertThat(sambaDelegation("HV2$")).contains("msDS-AllowedToDelegateTo: cifs/hv1.lab.test",
                "msDS-AllowedToDelegateTo: Microsoft Virtual System Migration Service/hv1.lab.test",
                "UF_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION: True");
        Result recheck = engine("check", playbook.toString(), "-i", viaKerberos.toString(), "--output", "json");
        assertThat(recheck.exit()).as("check after the fix: %s%n%s", recheck.out(), recheck.err()).isZero();
        Path viaLdap = viaKerberos;

        Result r = engine("run", playbook.toString(), "-i", viaLdap.toString(), "--output", "json",
                "--set", "runs.dir=" + dir.resolve("runs"));
        assertThat(r.exit()).as("run back: %s%n%s", r.out(), r.err()).isZero();
        assertThat(where("web1")).isEqualTo("HV1");
    }

    @Test
    @Order(3)
    void aKerberosBindWithAWrongKeytabOrNoKdcSaysSo() throws Exception {
        Path playbook = dir.resolve("read.yaml");
        Files.writeString(playbook, """
                version: 1
                name: read
                moves:
                  - { vm: web1, to: hv2, storagePath: 'D:\\VMs\\web1' }
                """);
        // alice's keytab offered as Administrator's: the KDC refuses the pre-authentication
        Result wrong = engine("check", playbook.toString(), "-i", ldapInventory(inventory("alice.password", ""), "ldap://dc1.lab.test", "keytabs/alice.keytab").toString());
        assertThat(wrong.err() + wrong.out()).contains("Kerberos bind as Administrator@LAB.TEST failed")
                .contains("keytabs/alice.keytab");
        // a realm whose KDC is a closed loopback port
        Path noKdc = dir.resolve("no-kdc.conf");
        Files.writeString(noKdc, Files.readString(dc.resolve("krb5.conf")).replace("kdc = 127.0.0.1:88", "kdc = 127.0.0.1:" + closedPort())
                .replace("udp_preference_limit = 1", "udp_preference_limit = 1\n\tkdc_timeout = 2000\n\tmax_retries = 1"));
        Result none = engine(List.of("-Djava.security.krb5.conf=" + noKdc), "check", playbook.toString(), "-i",
                ldapInventory(inventory("alice.password", ""), "ldap://dc1.lab.test", "admin.keytab").toString());
        assertThat(none.err() + none.out()).contains("Kerberos bind as Administrator@LAB.TEST failed: no KDC answered for LAB.TEST");
        // Samba (ldap server require strong auth = yes, its default) refuses an unsealed Kerberos bind inside TLS
        Result inTls = engine("check", playbook.toString(), "-i",
                ldapInventory(inventory("alice.password", ""), "ldaps://dc1.lab.test:636", "admin.keytab").toString());
        assertThat(inTls.err() + inTls.out()).contains("Kerberos bind as Administrator@LAB.TEST failed: the server refuses a Kerberos bind inside TLS")
                .contains("ldap://dc1.lab.test");
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The findings with the evidence's "directory (…)" source left out. */
    private static String sameSource(JsonNode findings) {
        return findings.toString().replaceAll("directory \\((?:[^()]|\\([^()]*\\))*\\)", "directory");
    }

    /** The hosts' inventory plus the directory at {@code url}, by name, bound as Administrator with a keytab from the lab. */
    private static Path ldapInventory(Path hostsInventory, String url, String keytab) throws Exception {
        Path kt = dc.resolve(keytab);
        if (!Files.exists(kt)) {
            Process p = new ProcessBuilder("samba-tool", "domain", "exportkeytab", kt.toString(), "--principal=Administrator",
                    "-s", dc.resolve("etc/smb.conf").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        Path file = dir.resolve("ldap-" + System.nanoTime() + ".yaml");
        Files.writeString(file, Files.readString(hostsInventory) + """
                directory:
                  kind: ldap
                  url: %s
                  caFile: '%s'
                  bind: { kerberos: { principal: Administrator@LAB.TEST, keytab: '%s' } }
                """.formatted(url, dc.resolve("private/tls/ca.pem"), kt));
        return file;
    }

    /** The hosts' inventory without its directory (read through HV2, the DC), for one that names the directory itself. */
    /** The hosts' inventory plus the directory over LDAPS by address, with a simple bind as Administrator. */
    private static Path ldapsInventory(Path hostsInventory) throws Exception {
        Path file = dir.resolve("ldaps-" + System.nanoTime() + ".yaml");
        Files.writeString(file, Files.readString(hostsInventory) + """
                directory:
                  kind: ldap
                  url: ldaps://127.0.0.1:636
                  caFile: '%s'
                  bind: { user: 'CN=Administrator,CN=Users,DC=lab,DC=test', credential: 'file:%s' }
                """.formatted(dc.resolve("private/tls/ca.pem"), dc.resolve("admin.password")));
        return file;
    }

    @Test
    @Order(4)
    void aWrongPasswordIsRefusedByTheKdcAndNothingIsContactedFurther() throws Exception {
        Path wrong = dir.resolve("wrong.password");
        Files.writeString(wrong, "Not-alice-" + System.nanoTime());
        Path inventory = inventory(wrong.toString());
        Result r = engine("discover", "-i", inventory.toString());
        assertThat(r.exit()).as("discover with a wrong password: %s%n%s", r.out(), r.err()).isNotZero();
        assertThat(r.err()).containsIgnoringCase("hv1").containsIgnoringCase("kerberos");
        assertThat(r.err() + r.out()).doesNotContain(Files.readString(wrong).strip());
    }

    @Test
    @Order(5)
    void withoutADirectoryBlockTheDirectoryIsReadOverLdapFromTheDcsTheDomainsDnsRecordsName() throws Exception {
        Path playbook = dir.resolve("default-directory.yaml");
        Files.writeString(playbook, """
                version: 1
                name: default-directory
                moves:
                  - { vm: web1, to: hv2, storagePath: 'D:\\VMs\\web1' }
                """);
        // No directory: block. The hosts' domain is lab.test; Samba's own DNS (127.0.0.1:53, the DC's internal DNS
        // server) names its DC in _ldap._tcp.dc._msdcs.lab.test; the engine binds there by Kerberos as the hosts'
        // account, alice, with her password: no management host, no second hop, no keytab, no certificate.
        Path inventory = inventory("alice.password", "");
        Result apply = engine("delegation", "apply", "--yes", "--hosts", "hv1,hv2", "-o", "json", "-i", inventory.toString(),
                "--set", "directory.dns=127.0.0.1");
        assertThat(apply.exit()).as("apply: %s%n%s", apply.out(), apply.err()).isZero();
        JsonNode read = JSON.readTree(apply.out());
        assertThat(read.path("via").asText()).as(apply.out()).isEqualTo("ldap://dc1.lab.test:389");
        // the first two tests wrote the delegation both ways into Samba: read back, nothing is missing or written
        assertThat(read.path("present").asInt()).as(apply.out()).isGreaterThanOrEqualTo(8);
        assertThat(read.path("changed").asBoolean()).as(apply.out()).isFalse();

        Result check = engine("check", playbook.toString(), "-i", inventory.toString(), "-o", "json", "--set", "directory.dns=127.0.0.1");
        assertThat(check.exit()).as("check: %s%n%s", check.out(), check.err()).isZero();
        assertThat(check.err()).doesNotContain("could not read");

        // a DNS server that does not answer: the directory is not read, and the finding says how hvmigrate looks for it
        Result lost = engine("check", playbook.toString(), "-i", inventory.toString(), "-o", "json",
                "--set", "directory.dns=127.0.0.1:" + closedPort());
        assertThat(lost.exit()).as("check without DNS: %s%n%s", lost.out(), lost.err()).isEqualTo(3);
        assertThat(lost.out()).contains("delegation.unknown", "_ldap._tcp.dc._msdcs.<domain>", "directory.dns");
        assertThat(lost.err() + lost.out()).contains("_ldap._tcp.dc._msdcs.lab.test");
        String secret = Files.readString(dc.resolve("alice.password")).strip();
        assertThat(apply.out() + apply.err() + check.out() + check.err() + lost.out() + lost.err()).doesNotContain(secret);
    }

    @Test
    @Order(6)
    void aRunWithNoPasswordAnywhereLogsInFromTheTicketCacheThenFromAKeytab() throws Exception {
        assertThat(where("web1")).isEqualTo("HV1");
        // the operator's kinit: MIT kinit from alice's keytab into a cache of the test's own, as a logon would
        Path cache = dir.resolve("alice.ccache");
        ProcessBuilder pb = new ProcessBuilder("kinit", "-k", "-t", dc.resolve("keytabs/alice.keytab").toString(), "alice@LAB.TEST");
        pb.environment().put("KRB5_CONFIG", dc.resolve("krb5.conf").toString());
        pb.environment().put("KRB5CCNAME", "FILE:" + cache);
        Process k = pb.redirectErrorStream(true).start();
        String kout = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(k.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(k.exitValue()).as("kinit: %s", kout).isZero();

        Path there = dir.resolve("no-password-there.yaml");
        Files.writeString(there, """
                version: 1
                name: no-password-there
                moves:
                  - { vm: web1, to: hv2, storagePath: 'D:\\VMs\\web1' }
                """);
        // no user and no credential: the ticket cache's principal
        Path fromCache = hostsInventory("defaults: { transport: https, auth: kerberos }", "directory: { via: hv2 }\n");
        assertThat(Files.readString(fromCache)).doesNotContain("password", "credential");
        Result viaCache = engine(Map.of("KRB5CCNAME", "FILE:" + cache), "run", there.toString(), "-i", fromCache.toString(),
                "--output", "json", "--set", "runs.dir=" + dir.resolve("runs-cache"));
        assertThat(viaCache.exit()).as("run from the ticket cache: %s%n%s", viaCache.out(), viaCache.err()).isZero();
        assertThat(where("web1")).isEqualTo("HV2");

        // an empty cache: the message says to kinit, and nothing moved
        Result empty = engine(Map.of("KRB5CCNAME", "FILE:" + dir.resolve("empty.ccache")), "discover", "-i", fromCache.toString());
        assertThat(empty.exit()).as("discover with no ticket: %s%n%s", empty.out(), empty.err()).isNotZero();
        assertThat(empty.err()).contains("kinit");

        // a keytab: the inventory names it, no password and no cache
        Path back = dir.resolve("no-password-back.yaml");
        Files.writeString(back, """
                version: 1
                name: no-password-back
                moves:
                  - { vm: web1, to: hv1, storagePath: 'D:\\VMs\\web1' }
                """);
        Path fromKeytab = hostsInventory("defaults: { transport: https, auth: kerberos, user: 'alice@LAB.TEST', credential: 'keytab:%s' }"
                .formatted(dc.resolve("keytabs/alice.keytab")), "directory: { via: hv2 }\n");
        Result viaKeytab = engine(Map.of("KRB5CCNAME", "FILE:" + dir.resolve("none.ccache")), "run", back.toString(), "-i",
                fromKeytab.toString(), "--output", "json", "--set", "runs.dir=" + dir.resolve("runs-keytab"));
        assertThat(viaKeytab.exit()).as("run from a keytab: %s%n%s", viaKeytab.out(), viaKeytab.err()).isZero();
        assertThat(where("web1")).isEqualTo("HV1");

        // a keytab that holds another principal's key: said so, with the file
        Path wrongKeytab = hostsInventory("defaults: { transport: https, auth: kerberos, user: 'alice@LAB.TEST', credential: 'keytab:%s' }"
                .formatted(dc.resolve("keytabs/hv1.keytab")), "directory: { via: hv2 }\n");
        Result wrong = engine(Map.of(), "discover", "-i", wrongKeytab.toString());
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("keytab", "hv1.keytab", "alice@LAB.TEST");
    }

    /**
     * WinRM's default listener: HTTP on 5985 with {@code AllowUnencrypted=false}. A second hvsim serves the same two
     * hosts over plain HTTP (Kerberos from the same keytabs, the same Samba directory, whose delegation the earlier
     * tests fixed). MIT Kerberos through python-gssapi, an independent client, seals its messages as pykerberos and
     * pyspnego do and opens hvsim's answers with {@code gss_unwrap_iov}, which insists on Windows' token layout; its
     * unencrypted message is refused. The engine then moves a VM there and back with every message sealed, and its
     * transport answers 1,000 sequential and 200 concurrent calls without a failure, as does the Python client.
     */
    @Test
    @Order(7)
    void overWinRmsDefaultHttpListenerEveryMessageIsSealedWithKerberosAndAnUnencryptedOneIsRefused() throws Exception {
        try (Sim http = Sim.start(kerberosPair(true, "sim-http"))) {
            Map<String, Integer> httpPorts = http.ports();
            String httpAdmin = http.admin();
            assertThat(http.printed()).anyMatch(l -> l.contains("http://127.0.1.61:")).noneMatch(l -> l.contains("https://"));
            assertThat(httpPorts).containsOnlyKeys("HV1", "HV2");
            String hv1 = "http://127.0.1.61:" + httpPorts.get("HV1") + "/wsman";

            // MIT Kerberos, independently: sealed calls answered sealed; an unencrypted one refused
            JsonNode sealed = python(hv1, "sealed", 500);
            assertThat(sealed.path("calls").asInt()).isEqualTo(1000);
            assertThat(python(hv1, "concurrent", 200).path("calls").asInt()).isEqualTo(200);
            JsonNode plain = python(hv1, "plain", 1);
            assertThat(plain.path("status").get(0).asInt()).as("an unencrypted message over HTTP").isEqualTo(401);

            // the engine, from a keytab, over HTTP: a move there and back
            Path inventory = dir.resolve("inventory-http.yaml");
            Files.writeString(inventory, """
                    version: 1
                    defaults: { transport: http, auth: kerberos, user: 'alice@LAB.TEST', credential: 'keytab:%s' }
                    hosts:
                      - { name: hv1, fqdn: hv1.lab.test, address: '127.0.1.61', port: %d }
                      - { name: hv2, fqdn: hv2.lab.test, address: '127.0.1.62', port: %d }
                    directory: { via: hv2 }
                    """.formatted(dc.resolve("keytabs/alice.keytab"), httpPorts.get("HV1"), httpPorts.get("HV2")));
            Result check = engine("check", "-i", inventory.toString(), "--output", "json", dir.resolve("move.yaml").toString());
            assertThat(check.exit()).as("check over HTTP: %s%n%s", check.out(), check.err()).isZero();
            JsonNode connections = JSON.readTree(check.out()).path("connections");
            assertThat(connections).hasSize(2).allSatisfy(c -> {
                assertThat(c.path("transport").asText()).isEqualTo("http");
                assertThat(c.path("auth").asText()).isEqualTo("kerberos");
                assertThat(c.path("key").asText()).isEqualTo("keytab");
                assertThat(c.path("protection").asText()).isEqualTo("kerberos-sealed");
                assertThat(c.path("outcome").asText()).isEqualTo("read");
            });
            for (String[] leg : new String[][] {{"hv2", "HV2"}, {"hv1", "HV1"}}) {
                Path playbook = dir.resolve("http-to-" + leg[0] + ".yaml");
                Files.writeString(playbook, """
                        version: 1
                        name: http-to-%s
                        moves:
                          - { vm: web1, to: %s, storagePath: 'D:\\VMs\\web1' }
                        """.formatted(leg[0], leg[0]));
                Result run = engine("run", playbook.toString(), "-i", inventory.toString(), "--set",
                        "runs.dir=" + dir.resolve("runs-http"));
                assertThat(run.exit()).as("run to %s over HTTP: %s%n%s", leg[0], run.out(), run.err()).isZero();
                assertThat(where(httpAdmin, "web1")).isEqualTo(leg[1]);
            }

            // a name the KDC has no HTTP/ principal for: said so, and nothing read
            Path noSpn = dir.resolve("inventory-http-nospn.yaml");
            Files.writeString(noSpn, """
                    version: 1
                    defaults: { transport: http, auth: kerberos, user: 'alice@LAB.TEST', credential: 'keytab:%s' }
                    hosts:
                      - { name: hv7, fqdn: hv7.lab.test, address: '127.0.1.61', port: %d }
                    directory: { via: hv7 }
                    """.formatted(dc.resolve("keytabs/alice.keytab"), httpPorts.get("HV1")));
            Result unknown = engine("discover", "-i", noSpn.toString());
            assertThat(unknown.exit()).as("discover of a host without HTTP/ principal: %s%n%s", unknown.out(), unknown.err())
                    .isNotZero();
            assertThat(unknown.err()).contains("hv7", "no HTTP/<host> service principal").doesNotContain("did not accept the password");

            // the engine's transport under load, in a process of its own (one Kerberos login per process)
            ProcessBuilder soak = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.security.krb5.conf=" + dc.resolve("krb5.conf"), "-Djdk.net.hosts.file=" + hosts,
                    "-cp", System.getProperty("java.class.path"), SealedSoak.class.getName(),
                    inventory.toString(), "hv1", "1000", "200").redirectErrorStream(true);
            soak.environment().remove("KRB5CCNAME");
            Process p = soak.start();
            Path soakLog = dir.resolve("soak.log");
            Thread copier = Thread.ofVirtual().start(() -> copy(p.getInputStream(), soakLog));
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("soak within 5 min").isTrue();
            copier.join(Duration.ofSeconds(10));
            String soakOut = Files.readString(soakLog);
            assertThat(soakOut).as(soakOut).contains("sequential=1000 concurrent=200 failures=0");
            assertThat(p.exitValue()).isZero();
        }
    }

    /**
     * The seven scenarios of the lab tour over WinRM's default HTTP listener with Kerberos from a keytab: the lab fleet
     * served over HTTP, its eight tour hosts accepting Kerberos with the keys Samba's KDC issued, the engine logged in
     * as the fleet's service account from its keytab, no password anywhere.
     */
    @Test
    @Order(8)
    void theSevenScenariosRunOverKerberosSealedHttpFromAKeytab() throws Exception {
        List<String> args = new ArrayList<>(List.of("sim", "--fleet", "config/fleets/lab.yaml", "--http", "--time-scale", "200",
                "--dir", dir.resolve("sim-lab").toString(), "--duration", "5m"));
        for (String h : LAB_TOUR_HOSTS) {
            args.addAll(List.of("--keytab", dc.resolve("keytabs/http-" + h + ".keytab").toString()));
        }
        try (Sim lab = Sim.start(args)) {
            String labAdmin = lab.admin();
            // hvsim's own inventory of the fleet, with the tour's hosts only, Kerberos from the service account's keytab
            StringBuilder inventory = new StringBuilder();
            boolean inDefaults = false;
            for (String line : Files.readAllLines(dir.resolve("sim-lab/inventory.yaml"))) {
                if (line.equals("defaults:")) {
                    inDefaults = true;
                    inventory.append("defaults: { transport: http, auth: kerberos, user: 'svc-hvmigrate@LAB.TEST', credential: 'keytab:")
                            .append(dc.resolve("keytabs/svc-hvmigrate.keytab")).append("' }\n");
                    continue;
                }
                if (inDefaults && line.startsWith("  ")) {
                    continue;
                }
                inDefaults = false;
                if (line.startsWith("  - { name: hv-") && LAB_TOUR_HOSTS.stream().noneMatch(h -> line.startsWith("  - { name: " + h + ","))) {
                    continue;
                }
                inventory.append(line.replace("caFile: ca.pem", "caFile: " + dir.resolve("sim-lab/ca.pem"))).append('\n');
            }
            Path file = dir.resolve("inventory-lab-kerberos.yaml");
            Files.writeString(file, inventory.toString());
            assertThat(inventory.toString()).doesNotContain("password", "hv-m1");

            Result tour = engine(Map.of(), "run", "playbooks/lab-tour.yaml", "-i", file.toString(), "--output", "json",
                    "--set", "runs.dir=" + dir.resolve("runs-lab"));
            assertThat(tour.exit()).as("lab tour over Kerberos-sealed HTTP: %s%n%s", tour.out(), tour.err()).isZero();
            JsonNode finished = lastEvent(tour.out(), "run-finished");
            assertThat(finished.path("exitCode").asInt()).isZero();
            Map<String, String> expected = Map.of("app-a1", "HV-A2", "web-a2", "HV-A3", "file-s1", "HV-S2", "dev-s2", "HV-S3",
                    "db-a3", "HV-B1", "rpt-b2", "HV-S2", "new-s3", "HV-B2");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(where(labAdmin, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    /** The MIT Kerberos client (python-gssapi) against an hvsim HTTP endpoint, logged in from alice's keytab. */
    private static JsonNode python(String url, String mode, int count) throws Exception {
        Path script = Path.of("src/test/resources/peers/winrm_kerberos.py").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), url, "hv1.lab.test", mode,
                String.valueOf(count)).redirectErrorStream(true);
        pb.environment().put("KRB5_CONFIG", dc.resolve("krb5.conf").toString());
        pb.environment().put("KRB5_CLIENT_KTNAME", dc.resolve("keytabs/alice.keytab").toString());
        pb.environment().put("KRB5CCNAME", "MEMORY:peer");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as("python-gssapi %s: %s", mode, out).startsWith("{");
        JsonNode result = JSON.readTree(out.substring(out.lastIndexOf("\n{") + 1));
        assertThat(result.path("ok").asBoolean()).as("python-gssapi %s: %s", mode, out).isTrue();
        return result;
    }

    /** The two hosts with the given {@code defaults:} line and {@code directory:} block. */
    private static Path hostsInventory(String defaults, String directory) throws IOException {
        Path file = dir.resolve("inventory-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                version: 1
                tls: { caFile: '%s' }
                %s
                hosts:
                  - { name: hv1, fqdn: hv1.lab.test, port: %d }
                  - { name: hv2, fqdn: hv2.lab.test, port: %d }
                """.formatted(dir.resolve("sim/ca.pem"), defaults, ports.get("HV1"), ports.get("HV2")) + directory);
        return file;
    }

    /**
     * An inventory for the two Kerberos hosts, reached by name (hv1.lab.test) on the ports hvsim chose, reading the
     * directory through HV2, a domain controller.
     */
    private static Path inventory(String passwordFile) throws IOException {
        return inventory(passwordFile, "directory: { via: hv2 }\n");
    }

    /** The same hosts with the {@code directory:} block given (empty: none). */
    private static Path inventory(String passwordFile, String directory) throws IOException {
        Path file = dir.resolve("inventory-" + Path.of(passwordFile).getFileName() + "-" + System.nanoTime() + ".yaml");
        Path password = Path.of(passwordFile).isAbsolute() ? Path.of(passwordFile) : dc.resolve(passwordFile);
        Files.writeString(file, """
                version: 1
                tls: { caFile: '%s' }
                defaults: { transport: https, auth: kerberos, user: 'alice@LAB.TEST', credential: 'file:%s' }
                hosts:
                  - { name: hv1, fqdn: hv1.lab.test, port: %d }
                  - { name: hv2, fqdn: hv2.lab.test, port: %d }
                """.formatted(dir.resolve("sim/ca.pem"), password, ports.get("HV1"), ports.get("HV2")) + directory);
        return file;
    }

    private static String where(String vm) throws Exception {
        return where(admin, vm);
    }

    private static String where(String admin, String vm) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String body = http.send(HttpRequest.newBuilder(URI.create(admin + "/vms?format=json")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode all = JSON.readTree(body);
        for (JsonNode v : all.isArray() ? all : all.path("vms")) {
            if (v.path("name").asText().equals(vm)) {
                return v.path("host").asText();
            }
        }
        throw new AssertionError(vm + " not in " + body);
    }

    private static JsonNode lastEvent(String jsonLines, String event) throws IOException {
        JsonNode last = null;
        for (String line : jsonLines.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                if (event.equals(n.path("event").asText())) {
                    last = n;
                }
            }
        }
        assertThat(last).as("a %s event in %s", event, jsonLines).isNotNull();
        return last;
    }

    record Result(int exit, String out, String err) {}

    private static Result engine(String... args) throws Exception {
        return engine(List.of("-Djava.security.krb5.conf=" + dc.resolve("krb5.conf")), args);
    }

    private static Result engine(Map<String, String> env, String... args) throws Exception {
        return engine(List.of("-Djava.security.krb5.conf=" + dc.resolve("krb5.conf")), env, args);
    }

    private static Result engine(List<String> krb5, String... args) throws Exception {
        return engine(krb5, Map.of(), args);
    }

    private static Result engine(List<String> krb5, Map<String, String> env, String... args) throws Exception {
        List<String> jvm = new ArrayList<>(krb5);
        jvm.add("-Djdk.net.hosts.file=" + hosts);
        ProcessBuilder pb = java(jvm, args);
        pb.environment().remove("KRB5CCNAME");
        pb.environment().putAll(env);
        Process p = pb.start();
        Path out = dir.resolve("engine-" + System.nanoTime() + ".out");
        Path err = dir.resolve("engine-" + System.nanoTime() + ".err");
        Thread o = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread e = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        boolean ended = p.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        o.join(Duration.ofSeconds(10));
        e.join(Duration.ofSeconds(10));
        assertThat(ended).as("engine ended within 3 min: %s", Files.readString(err)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void copy(java.io.InputStream in, Path to) {
        try (in) {
            Files.write(to, in.readAllBytes());
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static ProcessBuilder java(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", System.getProperty("hvmigrate.jar", "target/hvmigrate.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", dir.toString());
        return pb;
    }

    private static List<String> readUntilReady(Process p) throws InterruptedException {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        List<String> printed = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (printed.isEmpty() || !printed.getLast().equals("Stop with Ctrl-C.")) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("hvsim output so far: %s", printed).isNotNull();
            printed.add(line);
        }
        return printed;
    }
}
