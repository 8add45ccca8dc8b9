package io.hvmigrate.sim.ps.lang;

/** Unwinds the parser at the first syntax error; turned into a {@link ParseException} at the top. */
final class ParseFailure extends RuntimeException {
    final transient ParseError error;

    ParseFailure(ParseError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }
}
