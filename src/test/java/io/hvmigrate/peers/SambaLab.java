package io.hvmigrate.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Samba AD domain controller started by {@code .ci/samba-lab.sh} (realm LAB.TEST, on loopback), for the
 * peer tests; they run only with {@code -Dhvmigrate.peers=true} (.ci/run installs Samba). {@link #close} stops it.
 */
final class SambaLab implements AutoCloseable {
    final Path dir;
    final Properties props = new Properties();

    private SambaLab(Path dir) {
        this.dir = dir;
    }

    static SambaLab start(Path dir, String... httpHosts) throws Exception {
        assumeTrue(Boolean.getBoolean("hvmigrate.peers"), "Samba peer tests run with -Dhvmigrate.peers=true (.ci/run installs Samba)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/samba")) || Files.isExecutable(Path.of("/usr/bin/samba")),
                "samba is not installed (apt-get install samba winbind krb5-user ldb-tools smbclient ldap-utils samba-ad-provision samba-dsdb-modules)");
        SambaLab lab = new SambaLab(dir.resolve("samba"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(".ci/samba-lab.sh").toAbsolutePath().toString(), "start", lab.dir.toString()));
        cmd.addAll(List.of(httpHosts));
        try {
            lab.script(cmd, 180);
            try (InputStream in = Files.newInputStream(lab.dir.resolve("lab.properties"))) {
                lab.props.load(in);
            }
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("lab.properties has no " + key);
        }
        return v;
    }

    String adminPassword() throws IOException {
        return Files.readString(Path.of(get("adminPasswordFile")), StandardCharsets.UTF_8).trim();
    }

    /** samba-tool on the lab; its output. */
    String sambaTool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("samba-tool"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-s", get("smbConf")));
        return script(cmd, 60);
    }

    /** ldbsearch on the lab's database (the DC's own view, not LDAP); its output. */
    String ldbsearch(String filter, String... attributes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ldbsearch", "-H", dir.resolve("private/sam.ldb").toString(), filter));
        cmd.addAll(List.of(attributes));
        return script(cmd, 60);
    }

    /** ldbadd of one LDIF record into the lab's database. */
    String ldbadd(String ldif) throws Exception {
        return ldb("ldbadd", ldif);
    }

    /** ldbmodify with one LDIF change on the lab's database. */
    String ldbmodify(String ldif) throws Exception {
        return ldb("ldbmodify", ldif);
    }

    private String ldb(String tool, String ldif) throws Exception {
        Path file = Files.createTempFile(dir, "change", ".ldif");
        Files.writeString(file, ldif);
        try {
            return script(List.of(tool, "-H", dir.resolve("private/sam.ldb").toString(), file.toString()), 60);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** An independent LDAPS read (the test's own connection, not the engine's). */
    SearchResultEntry account(String sam, String... attributes) throws Exception {
        LDAPConnectionOptions o = new LDAPConnectionOptions();
        o.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(Path.of(get("caFile")).toFile()));
        try (LDAPConnection c = new LDAPConnection(ssl.createSSLSocketFactory(), o, "127.0.0.1", 636, get("adminBindDn"), adminPassword())) {
            return c.searchForEntry(get("baseDn"), com.unboundid.ldap.sdk.SearchScope.SUB, "(sAMAccountName=" + sam + ")", attributes);
        }
    }

    private String script(List<String> cmd, int seconds) throws Exception {
        Path log = Files.createTempFile("samba-lab", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " did not finish in " + seconds + " s: " + Files.readString(log));
            }
            String out = Files.readString(log);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd.subList(0, 2)) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() throws Exception {
        script(List.of(Path.of(".ci/samba-lab.sh").toAbsolutePath().toString(), "stop", dir.toString()), 30);
    }
}
