package io.hvmigrate.peers;

import com.sun.security.jgss.ExtendedGSSCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Asks the KDC, as a source host with its keytab, for a service ticket on behalf of a user: S4U2Self
 * ({@link ExtendedGSSCredential#impersonate}) then S4U2Proxy (a context to the target). Prints {@code GRANTED}, or
 * {@code REFUSED <why>}. Runs in its own JVM ({@link #run}) because the Kerberos configuration
 * ({@code java.security.krb5.conf}) is read once per JVM.
 *
 * <p>Arguments: keytab, source principal ({@code HV1$@LAB.TEST}), user ({@code alice@LAB.TEST}), target
 * ({@code cifs/hv2.lab.test@LAB.TEST}).
 */
public final class S4uProbe {
    private S4uProbe() {}

    public static void main(String[] args) throws Exception {
        String keytab = args[0];
        String source = args[1];
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                Map<String, String> o = new HashMap<>();
                o.put("useKeyTab", "true");
                o.put("keyTab", keytab);
                o.put("principal", source);
                o.put("storeKey", "true");
                o.put("doNotPrompt", "true");
                o.put("isInitiator", "true");
                o.put("refreshKrb5Config", "true");
                return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, o)};
            }
        });
        LoginContext login = new LoginContext("s4u");
        login.login();
        Subject subject = login.getSubject();
        Oid krb5 = new Oid("1.2.840.113554.1.2.2");
        String result = Subject.callAs(subject, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSCredential self = m.createCredential(m.createName(source, GSSName.NT_USER_NAME), GSSCredential.INDEFINITE_LIFETIME,
                    krb5, GSSCredential.INITIATE_ONLY);
            try {
                GSSCredential user = ((ExtendedGSSCredential) self).impersonate(m.createName(args[2], GSSName.NT_USER_NAME));
                GSSContext ctx = m.createContext(m.createName(args[3], GSSName.NT_USER_NAME), krb5, user, GSSContext.DEFAULT_LIFETIME);
                ctx.initSecContext(new byte[0], 0, 0);
                ctx.dispose();
                return "GRANTED";
            } catch (GSSException e) {
                return "REFUSED " + e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            }
        });
        System.out.println(result);
    }

    /** Runs the probe in a forked JVM with the lab's krb5.conf; its one-line answer. */
    static String run(Path krb5Conf, Path keytab, String source, String user, String target) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = Files.createTempFile("s4u", ".out");
        try {
            Process p = new ProcessBuilder(List.of(java, "-Djava.security.krb5.conf=" + krb5Conf, "-Dsun.security.krb5.disableReferrals=true",
                    "-cp", System.getProperty("java.class.path"), S4uProbe.class.getName(), keytab.toString(), source, user, target))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the S4U probe did not finish in 60 s: " + Files.readString(out));
            }
            String text = Files.readString(out).trim();
            if (p.exitValue() != 0) {
                throw new AssertionError("the S4U probe exited " + p.exitValue() + ": " + text);
            }
            return text.lines().reduce((a, b) -> b).orElse("");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
