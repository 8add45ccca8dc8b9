package io.hvmigrate.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which (or during whose class's set-up) the JVM asked its resolver for a name, naming each one and
 * who asked. Only the refusing resolver ({@link NoLookupResolverProvider}) records look-ups, so without it this does
 * nothing. A refused look-up may well be swallowed by the code that made it (the JDK's Kerberos does so), which is why
 * the test fails here rather than wherever the {@link java.net.UnknownHostException} went.
 *
 * <p>Registered for every test of the unit-test run (Maven's surefire) through JUnit's extension auto-detection.
 */
public final class NoLookupsExtension implements AfterEachCallback, AfterAllCallback {
    private static int reported;

    static {
        // the file is this run's: a run that asks nothing leaves none (the resolver itself is set up at the first look-up)
        String file = System.getProperty(NoLookupResolverProvider.PROPERTY, "");
        if (!file.isBlank() && NoLookupResolverProvider.refused().isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                // an old file stays; the tests fail on this run's look-ups alone
            }
        }
    }

    /** For a test that looks a name up on purpose, to see it refused: what was refused so far fails no test. */
    static synchronized void acknowledgeRefused() {
        reported = NoLookupResolverProvider.refused().size();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnNewLookups("during " + context.getDisplayName() + " (or its class's set-up)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnNewLookups("while " + context.getDisplayName() + " was torn down");
    }

    private static void failOnNewLookups(String when) {
        List<String> fresh;
        synchronized (NoLookupsExtension.class) {
            List<String> all = NoLookupResolverProvider.refused();
            fresh = all.subList(Math.min(reported, all.size()), all.size());
            reported = all.size();
        }
        if (!fresh.isEmpty()) {
            throw new AssertionError("the system resolver was asked " + when + ", and refused: names in tests come from"
                    + " their own data (fleet file, inventory address:, -Djdk.net.hosts.file), never from DNS:\n  "
                    + String.join("\n  ", fresh));
        }
    }
}
