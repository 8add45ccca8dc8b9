package io.hvmigrate.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Starts the journal of a new run with its first record, atomically: the record is written and forced to a
     * temporary file that is then renamed into place, so that after a crash at any moment there is either no journal
     * or one that begins with this record — never an empty journal that a later run cannot read.
     */
    public static Journal create(Path runDir, String runId, Clock clock, ObjectNode first) throws IOException {
        createPrivateDirectory(runDir);
        Path file = runDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new IOException(file + " exists already: run " + runId + " was started before");
        }
        Path tmp = runDir.resolve(FILE_NAME + ".new");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = openPrivate(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            write(ch, first);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(runDir);
        return open(runDir, runId, clock);
    }

    /**
     * Opens the journal of a run for appending (a resumed run). A last line cut short by a crash is cut off first: it
     * was never forced to disk, so the action it announced was never taken, and a record appended after it would
     * leave a damaged line in the middle of the journal.
     */
    public static Journal open(Path runDir, String runId, Clock clock) throws IOException {
        createPrivateDirectory(runDir);
        Path file = runDir.resolve(FILE_NAME);
        FileChannel ch = openPrivate(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
        try {
            cutTornTail(ch);
            ch.position(ch.size());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Journal(file, ch, clock, runId);
    }

    private static FileChannel openPrivate(Path file, Set<StandardOpenOption> opts) throws IOException {
        if (supportsPosix(file.getParent())) {
            FileChannel ch = FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return ch;
        }
        return FileChannel.open(file, opts);
    }

    /** Truncates the file after its last newline, if anything follows it. */
    static void cutTornTail(FileChannel ch) throws IOException {
        long size = ch.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            ch.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            ch.truncate(end);
            ch.force(false);
        }
    }

    /** Makes a rename in the directory durable; not every platform can open a directory, and those need no such step. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a file; NTFS journals the rename itself
        }
    }

    /**
     * Creates the private folder of a new run under {@code runsDir}, named {@code id} or, when that is taken,
     * {@code id-2}, {@code id-3} …; the name is the run id. Creating a folder either succeeds or finds one there, so two
     * runs of one playbook started in the same second (two scheduler triggers) never share a journal.
     */
    public static Path newRunDirectory(Path runsDir, String id) throws IOException {
        createPrivateDirectory(runsDir);
        boolean posix = supportsPosix(runsDir);
        for (int n = 1; n < 1000; n++) {
            Path dir = runsDir.resolve(n == 1 ? id : id + "-" + n);
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
                return dir;
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new IOException("cannot create a folder for run " + id + " in " + runsDir + ": too many runs of that name");
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
        return record(clock, runId, type);
    }

    /** A record for a journal not yet opened (the first record of a run, see {@link #create}). */
    public static ObjectNode record(Clock clock, String runId, String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ts", clock.instant().toString());
        o.put("run", runId);
        o.put("type", type);
        return o;
    }

    /** Writes one record and forces it to disk. Synchronized: records of concurrent moves never interleave. */
    public synchronized void append(ObjectNode record) {
        try {
            write(channel, record);
        } catch (IOException e) {
            // a journal that cannot be written makes the run unsafe to continue: stop here
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    private static void write(FileChannel ch, ObjectNode record) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        ch.force(false);
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
