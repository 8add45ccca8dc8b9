package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsError;
import java.util.function.Consumer;

/**
 * Where the non-output streams of the running command go: displayed errors (or merged into the output with 2>&1, or
 * dropped with 2>$null), the record of every error written (which makes {@code $?} false and feeds
 * {@code -ErrorVariable}), warnings and verbose messages.
 *
 * @param display errors to show; null drops them
 * @param record  every error written, displayed or not
 * @param warning warnings to show; null drops them
 * @param verbose verbose messages to show; null drops them
 */
record Streams(Consumer<PsError> display, Consumer<PsError> record, Consumer<String> warning,
               Consumer<String> verbose) {

    Streams withDisplay(Consumer<PsError> d) {
        return new Streams(d, record, warning, verbose);
    }

    Streams withRecord(Consumer<PsError> r) {
        return new Streams(display, r, warning, verbose);
    }

    Streams withWarning(Consumer<String> w) {
        return new Streams(display, record, w, verbose);
    }

    Streams withVerbose(Consumer<String> v) {
        return new Streams(display, record, warning, v);
    }
}
