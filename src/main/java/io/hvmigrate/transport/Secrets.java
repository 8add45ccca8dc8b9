package io.hvmigrate.transport;

import io.hvmigrate.model.CredentialRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a secret where a {@link CredentialRef} says it is kept, at the moment a connection needs it. Secrets are never
 * logged, and the errors here name only where the secret should have been, never what was found.
 */
public final class Secrets {
    private final Map<String, String> environment;
    private final Consumer<String> warnings;
    /** Files already warned about: one warning per file and run, however many hosts read it. */
    private final Set<Path> warnedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Secrets(Map<String, String> environment, Consumer<String> warnings) {
        this.environment = environment;
        this.warnings = warnings;
    }

    /** Thrown when a secret cannot be read; the message is safe to show. */
    public static final class Missing extends Exception {
        public Missing(String message) {
            super(message, null, false, false);
        }
    }

    public String read(CredentialRef ref) throws Missing {
        return switch (ref.source()) {
            case ENV -> {
                String v = environment.get(ref.target());
                if (v == null || v.isEmpty()) {
                    throw new Missing("environment variable " + ref.target() + " is not set (the inventory's credential: " + ref + ")");
                }
                yield v;
            }
            case KEYTAB -> throw new Missing("credential " + ref + " is a Kerberos keytab, not a password: it serves auth: kerberos only");
            case FILE -> {
                Path p = Path.of(ref.target());
                try {
                    checkPermissions(p);
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    if (lines.isEmpty() || lines.get(0).isEmpty()) {
                        throw new Missing("credential file " + p + " is empty");
                    }
                    yield lines.get(0);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new Missing("credential file " + p + " does not exist");
                } catch (IOException e) {
                    throw new Missing("credential file " + p + " cannot be read: " + e.getClass().getSimpleName());
                }
            }
        };
    }

    private void checkPermissions(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if ((perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ))
                    && warnedFiles.add(p.toAbsolutePath().normalize())) {
                warnings.accept("credential file " + p + " can be read by other users; chmod 600 it");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
