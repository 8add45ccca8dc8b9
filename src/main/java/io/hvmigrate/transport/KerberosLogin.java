package io.hvmigrate.transport;

import com.sun.security.auth.login.ConfigFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * The run's one Kerberos login: a ticket-granting ticket obtained once — from a keytab, the operator's ticket cache
 * ({@code kinit}, {@code KRB5CCNAME}), or a password — and then used for every host's {@code HTTP/<fqdn>} service
 * ticket, as a Windows logon session does. Without it each host would make its own AS exchange.
 *
 * <p>The JDK's Kerberos (JGSS) asks for the initiator's credentials through the JAAS entries
 * {@code com.sun.security.jgss.krb5.initiate} and {@code com.sun.security.jgss.initiate} when
 * {@code javax.security.auth.useSubjectCredsOnly} is false; this class answers both with the login made here and leaves
 * every other JAAS entry to the configuration files as before. One identity per process: a second, different one is
 * refused rather than silently used for the wrong hosts.
 */
public final class KerberosLogin {
    private static Subject shared;
    private static String identity;

    private KerberosLogin() {}

    /** Another identity than the one this process logged in as. */
    public static final class OtherIdentity extends LoginException {
        OtherIdentity(String message) {
            super(message);
        }
    }

    /** Where the login's key comes from. */
    public sealed interface Source permits Keytab, TicketCache, Password {}

    /** A keytab holding the principal's key. */
    public record Keytab(Path file) implements Source {}

    /** The ticket cache: {@code KRB5CCNAME}, or the platform's default. */
    public record TicketCache() implements Source {}

    /** The principal's password (asked of the KDC once). */
    public record Password(String password) implements Source {
        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /**
     * Logs in unless this process already did as the same principal from the same kind of source, and makes the login
     * the default initiator credential of JGSS.
     *
     * @param principal {@code user@REALM}, or null for the ticket cache's own principal
     * @return the principal logged in as
     */
    public static synchronized String ensure(String principal, Source source) throws LoginException {
        String key = (principal == null ? "" : principal) + "|" + source.getClass().getSimpleName()
                + (source instanceof Keytab k ? "|" + k.file() : "");
        if (shared != null) {
            if (key.equals(identity)) {
                return name(shared);
            }
            throw new OtherIdentity("one Kerberos identity per run: already logged in as " + name(shared)
                    + ", and another host asks for " + (principal == null ? "the ticket cache's principal" : principal)
                    + "; give every host the same user and credential");
        }
        Map<String, String> o = new HashMap<>();
        o.put("refreshKrb5Config", "true");
        o.put("isInitiator", "true");
        if (principal != null) {
            o.put("principal", principal);
        }
        switch (source) {
            case Keytab k -> {
                o.put("useKeyTab", "true");
                o.put("keyTab", k.file().toString());
                o.put("storeKey", "false");
                o.put("doNotPrompt", "true");
            }
            case TicketCache c -> {
                o.put("useTicketCache", "true");
                o.put("doNotPrompt", "true");
            }
            case Password p -> o.put("useTicketCache", "false");
        }
        AppConfigurationEntry krb5 = new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, o);
        Configuration once = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {krb5};
            }
        };
        LoginContext lc = new LoginContext("hvmigrate", new Subject(), handler(principal, source), once);
        lc.login();
        shared = lc.getSubject();
        identity = key;
        Configuration.setConfiguration(new SharedConfiguration());
        System.setProperty("javax.security.auth.useSubjectCredsOnly", "false");
        return name(shared);
    }

    private static String name(Subject s) {
        return s.getPrincipals(KerberosPrincipal.class).stream().findFirst().map(KerberosPrincipal::getName).orElse("?");
    }

    private static CallbackHandler handler(String principal, Source source) {
        return callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(principal);
                } else if (c instanceof PasswordCallback p && source instanceof Password pw) {
                    p.setPassword(pw.password().toCharArray());
                } else {
                    throw new UnsupportedCallbackException(c, "hvmigrate never prompts");
                }
            }
        };
    }

    /** JGSS's initiator entries answered with the shared login; every other entry as the JAAS files say. */
    private static final class SharedConfiguration extends Configuration {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            if (name != null && name.startsWith("com.sun.security.jgss.") && name.endsWith("initiate")) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(Shared.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
            // read afresh: a library (the LDAP SDK's GSSAPI bind) may point java.security.auth.login.config at its own file
            try {
                return new ConfigFile().getAppConfigurationEntry(name);
            } catch (SecurityException e) {
                return null;
            }
        }
    }

    /** Hands JGSS the shared login's principal and ticket-granting ticket: no further AS exchange. */
    public static final class Shared implements LoginModule {
        private Subject subject;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> state, Map<String, ?> options) {
            this.subject = subject;
        }

        @Override
        public boolean login() throws LoginException {
            Subject s;
            synchronized (KerberosLogin.class) {
                s = shared;
            }
            if (s == null) {
                throw new LoginException("no Kerberos login in this process");
            }
            return true;
        }

        @Override
        public boolean commit() {
            Subject s;
            synchronized (KerberosLogin.class) {
                s = Objects.requireNonNull(shared);
            }
            subject.getPrincipals().addAll(s.getPrincipals(KerberosPrincipal.class));
            subject.getPrivateCredentials().addAll(s.getPrivateCredentials(KerberosTicket.class));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }
}
