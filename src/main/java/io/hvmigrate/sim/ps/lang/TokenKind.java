package io.hvmigrate.sim.ps.lang;

/** Kinds of tokens the lexer hands to the parser. */
public enum TokenKind {
    EOF, NEWLINE, SEMI, PIPE, AMP, LPAREN, RPAREN, LCURLY, RCURLY, LBRACKET, RBRACKET, COMMA,
    AT_PAREN, AT_CURLY, DOLLAR_PAREN, DOT, DOTDOT, COLONCOLON,
    PLUS, MINUS, STAR, SLASH, PERCENT, EXCLAIM, PLUSPLUS, MINUSMINUS,
    EQUALS, PLUS_EQ, MINUS_EQ, STAR_EQ, SLASH_EQ, PERCENT_EQ,
    /** A dash operator such as {@code -eq}; the token's value is its lower-case name without the dash. */
    OPERATOR,
    /** A command parameter such as {@code -Name} or {@code -Name:}; value is a {@link Token.Parameter}. */
    PARAMETER,
    /** {@code $name}; value is a {@link VariablePath}. */
    VARIABLE,
    /** {@code @name} (splatting); value is a {@link VariablePath}. */
    SPLAT,
    /** A numeric literal; value is the number. */
    NUMBER,
    /** A single-quoted string (or here-string); value is its text. */
    STRING_LITERAL,
    /** A double-quoted string, or a bare word with variables in it; value is a {@link Token.Expandable}. */
    STRING_EXPANDABLE,
    /** A bare word in command mode; value is its text with escapes applied. */
    GENERIC,
    /** A word in expression mode (keywords, member names). */
    IDENTIFIER,
    /** {@code >}, {@code 2>&1} and the like; value is a {@link Token.Redirect}. */
    REDIRECTION,
    /** A character nothing else accepts. */
    UNKNOWN
}
