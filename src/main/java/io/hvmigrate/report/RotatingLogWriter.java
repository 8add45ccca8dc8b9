package io.hvmigrate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The run's log file ({@code --log-file}): appended to, and rotated when it passes {@code maxBytes} — {@code FILE}
 * becomes {@code FILE.1}, {@code FILE.1} becomes {@code FILE.2}, …, keeping {@code keep} old files — at a line's end,
 * so no line is split across files. It holds the same lines as the plain output, which carry no secrets.
 */
public final class RotatingLogWriter extends Writer {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public RotatingLogWriter(Path file, long maxBytes, int keep) throws IOException {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
        if (this.file.getParent() != null) {
            Files.createDirectories(this.file.getParent());
        }
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) throws IOException {
        byte[] bytes = new String(cbuf, off, len).getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        size += bytes.length;
        if (size >= maxBytes && len > 0 && cbuf[off + len - 1] == '\n') {
            rotate();
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = keep - 1; i >= 1; i--) {
            Path from = Path.of(file + "." + i);
            if (Files.exists(from)) {
                Files.move(from, Path.of(file + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.move(file, Path.of(file + ".1"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
