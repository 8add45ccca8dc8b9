package io.hvmigrate.sim.ps.lang;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A script that does not parse. Nothing of it runs. The message is what PowerShell's ParseException carries: every
 * error with its position, separated by a blank line.
 */
public final class ParseException extends RuntimeException {
    private final transient List<ParseError> errors;

    public ParseException(List<ParseError> errors) {
        super(errors.stream().map(ParseError::toString).collect(Collectors.joining("\n\n")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ParseError> errors() {
        return errors;
    }

    /** The id PowerShell reports as the FullyQualifiedErrorId: the first error's. */
    public String errorId() {
        return errors.get(0).errorId();
    }
}
