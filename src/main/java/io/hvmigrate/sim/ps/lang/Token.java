package io.hvmigrate.sim.ps.lang;

import java.util.List;

/**
 * One token: its kind, where it is, and its value (see {@link TokenKind} for what the value holds).
 */
public record Token(TokenKind kind, int start, int end, Object value) {

    public boolean is(TokenKind k) {
        return kind == k;
    }

    public boolean isOperator(String name) {
        return kind == TokenKind.OPERATOR && value.equals(name);
    }

    /** A command parameter token: {@code -Name} or, with a colon, {@code -Name:}. */
    public record Parameter(String name, boolean colon) {}

    /** A redirection: the stream (1-6 or '*' as 0), whether it appends, and the stream it merges into (0 for a file). */
    public record Redirect(int from, boolean append, int mergeTo) {}

    /** An expandable string's pieces. {@code generic} marks a bare word (command argument) rather than a quoted string. */
    public record Expandable(List<StringPart> parts, boolean generic) {}

    /** A piece of an expandable string. */
    public sealed interface StringPart {}

    public record Literal(String text) implements StringPart {}

    /** {@code $name} or {@code ${name}} inside a string. */
    public record Var(VariablePath path, int start, int end) implements StringPart {}

    /** {@code $( ... )} inside a string: the offsets of the inner statements, and of the whole {@code $(...)}. */
    public record SubExpression(int innerStart, int innerEnd, int start, int end) implements StringPart {}
}
