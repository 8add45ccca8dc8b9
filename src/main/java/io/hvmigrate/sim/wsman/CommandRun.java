package io.hvmigrate.sim.wsman;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A command of a shell as the endpoint tracks it: output the host produced but no Receive has taken yet (a Receive
 * answer is bounded by the client's MaxEnvelopeSize), and whether the command has exited.
 */
final class CommandRun {

    /** What one Receive got. */
    sealed interface Received {
    }

    /** Nothing arrived within OperationTimeout and the command still runs. */
    record TimedOut() implements Received {
    }

    /**
     * Output, and the state to report with it.
     *
     * @param done whether this is the last of the output of an exited command
     */
    record Chunk(byte[] stdout, byte[] stderr, boolean done, int exitCode) implements Received {
    }

    private final String id;
    private final RunningCommand command;
    // a lock rather than synchronized: a Receive waits inside it and must not pin a virtual thread's carrier
    private final ReentrantLock receiving = new ReentrantLock();
    private final ByteQueue stdout = new ByteQueue();
    private final ByteQueue stderr = new ByteQueue();
    private boolean exited;
    private int exitCode;

    CommandRun(String id, RunningCommand command) {
        this.id = id;
        this.command = command;
    }

    String id() {
        return id;
    }

    /**
     * Waits up to {@code wait} for output or exit, then takes at most {@code budget} bytes of it (stdout first).
     */
    Received receive(Duration wait, int budget) throws InterruptedException {
        receiving.lock();
        try {
            if (nothingPending() && !exited) {
                absorb(command.await(wait));
            }
            if (nothingPending() && !exited) {
                return new TimedOut();
            }
            byte[] out = stdout.take(budget);
            byte[] err = stderr.take(budget - out.length);
            return new Chunk(out, err, exited && nothingPending(), exitCode);
        } finally {
            receiving.unlock();
        }
    }

    void signal(String code) {
        command.signal(code);
    }

    private void absorb(RunningCommand.Output output) {
        stdout.append(output.stdout());
        stderr.append(output.stderr());
        if (output.done()) {
            exited = true;
            exitCode = output.exitCode();
        }
    }

    private boolean nothingPending() {
        return stdout.isEmpty() && stderr.isEmpty();
    }
}
