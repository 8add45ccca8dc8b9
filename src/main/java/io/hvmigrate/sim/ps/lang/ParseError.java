package io.hvmigrate.sim.ps.lang;

/**
 * One syntax error, as PowerShell's {@code ParseError}: an error id (e.g. {@code MissingEndParenthesisInExpression}),
 * the message PowerShell prints, and where it is.
 */
public record ParseError(Extent extent, String errorId, String message) {

    /** As PowerShell prints it: the position message, then the message on its own line. */
    @Override
    public String toString() {
        return extent.positionMessage() + "\n" + message;
    }
}
