package io.hvmigrate.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Locks the hosts a run acts on, one lock file per host under {@code runs/locks}, so that two runs on this machine
 * (say, two scheduler triggers) never act on the same host at once. A host is locked by its verified identity (the FQDN
 * the host itself gave, lower-case), never by an inventory name, so two names for one host take one lock. The lock
 * lives in the runs directory of this machine only: runs with another {@code runs.dir}, or on another machine, do not
 * see it. Operating-system file locks are released when the process dies, so a crashed run never leaves a stale lock
 * behind.
 */
public final class RunLock implements AutoCloseable {
    private final List<FileLock> locks;
    private final List<FileChannel> channels;

    private RunLock(List<FileLock> locks, List<FileChannel> channels) {
        this.locks = locks;
        this.channels = channels;
    }

    /** Another run holds one of the hosts. */
    public static final class Busy extends Exception {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }

    /** Takes every host's lock, or none: in sorted order, so two runs cannot deadlock. */
    public static RunLock acquire(Path runsDir, String runId, List<String> hosts) throws IOException, Busy {
        Path dir = runsDir.resolve("locks");
        Journal.createPrivateDirectory(dir);
        List<FileLock> locks = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (String host : new TreeSet<>(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList())) {
                Path f = dir.resolve(host + ".lock");
                FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                channels.add(ch);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    String holder = holder(f).orElse("another run");
                    throw new Busy("host " + host + " is in use by " + holder);
                }
                locks.add(l);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(("run " + runId + " (process " + ProcessHandle.current().pid() + ")\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
            return new RunLock(locks, channels);
        } catch (IOException | Busy | RuntimeException e) {
            new RunLock(locks, channels).close();
            throw e;
        }
    }

    private static Optional<String> holder(Path f) {
        try {
            String s = Files.readString(f, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        for (FileLock l : locks) {
            try {
                l.release();
            } catch (IOException ignored) {
                // the channel close below releases it too
            }
        }
        for (FileChannel c : channels) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
