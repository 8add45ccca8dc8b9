package io.hvmigrate.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The append-only journal of one run: one JSON object per line, each forced to disk before {@link #append} returns, so
 * that after a crash the journal says what was done and what was about to be done. The engine writes a record before
 * every remote action and another after its result. The file is readable by its owner only (0600); it never holds a
 * secret.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "journal.jsonl";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final String runId;

    private Journal(Path file, FileChannel channel, Clock clock, String runId) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.runId = runId;
    }

    /** Opens (creating if needed) the journal of a run in {@code runDir}, for appending. */
    public static Journal open(Path runDir, String runId, Clock clock) throws IOException {
        createPrivateDirectory(runDir);
        Path file = runDir.resolve(FILE_NAME);
        Set<StandardOpenOption> opts = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        FileChannel ch;
        if (supportsPosix(runDir)) {
            ch = FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            ch = FileChannel.open(file, opts);
        }
        return new Journal(file, ch, clock, runId);
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (supportsPosix(dir.getParent() == null ? dir : existingAncestor(dir))) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Path existingAncestor(Path p) {
        Path a = p.toAbsolutePath();
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        return a == null ? Path.of("/") : a;
    }

    private static boolean supportsPosix(Path p) {
        try {
            return Files.getFileStore(existingAncestor(p)).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    public String runId() {
        return runId;
    }

    /** A new record of the given type, stamped with the time and the run. */
    public ObjectNode record(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ts", clock.instant().toString());
        o.put("run", runId);
        o.put("type", type);
        return o;
    }

    /** Writes one record and forces it to disk. Synchronized: records of concurrent moves never interleave. */
    public synchronized void append(ObjectNode record) {
        try {
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            // a journal that cannot be written makes the run unsafe to continue: stop here
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
