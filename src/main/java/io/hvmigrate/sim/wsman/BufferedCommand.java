package io.hvmigrate.sim.wsman;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link RunningCommand} a {@link ShellHost} writes into from the thread that runs the command: output is buffered
 * until the endpoint's next Receive takes it. Thread-safe.
 *
 * <pre>{@code
 * BufferedCommand command = new BufferedCommand();
 * executor.execute(() -> {
 *     command.writeStdout(json.getBytes(StandardCharsets.UTF_8));
 *     command.exit(0);
 * });
 * return command;
 * }</pre>
 */
public final class BufferedCommand implements RunningCommand {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private volatile Consumer<String> signalHandler = code -> { };
    private boolean exited;
    private int exitCode;

    /** What to do on a {@code Signal} (by default nothing: the command keeps running, as a process ignoring it). */
    public BufferedCommand onSignal(Consumer<String> handler) {
        this.signalHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    public void writeStdout(byte[] bytes) {
        write(stdout, bytes);
    }

    public void writeStderr(byte[] bytes) {
        write(stderr, bytes);
    }

    /** The command ends with this exit code; later writes are ignored, as a dead process writes nothing. */
    public void exit(int code) {
        lock.lock();
        try {
            if (!exited) {
                exited = true;
                exitCode = code;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean exited() {
        lock.lock();
        try {
            return exited;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Output await(Duration max) throws InterruptedException {
        long remaining = max.toNanos();
        lock.lock();
        try {
            while (stdout.size() == 0 && stderr.size() == 0 && !exited && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            byte[] out = stdout.toByteArray();
            byte[] err = stderr.toByteArray();
            stdout.reset();
            stderr.reset();
            return new Output(out, err, exited, exitCode);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void signal(String code) {
        signalHandler.accept(code);
    }

    /** Waits until the command exits, at most {@code max}; true when it did. */
    public boolean awaitExit(Duration max) throws InterruptedException {
        long remaining = max.toNanos();
        lock.lock();
        try {
            while (!exited && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return exited;
        } finally {
            lock.unlock();
        }
    }

    private void write(ByteArrayOutputStream stream, byte[] bytes) {
        lock.lock();
        try {
            if (!exited) {
                stream.writeBytes(bytes);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "BufferedCommand[" + (exited() ? "exited" : "running") + "]";
    }
}
