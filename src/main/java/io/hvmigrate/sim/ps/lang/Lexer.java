package io.hvmigrate.sim.ps.lang;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The PowerShell tokenizer. As in PowerShell, what a piece of text means depends on where the parser is: in
 * {@link Mode#EXPRESSION} {@code -eq} is an operator and {@code 5x} an error; in {@link Mode#COMMAND} (command
 * arguments) {@code -eq} is a parameter and {@code 5x} a bare word. The parser asks for each token in the mode it needs.
 */
final class Lexer {

    enum Mode { EXPRESSION, COMMAND }

    static final Set<String> OPERATORS = Set.of(
            "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains", "notcontains",
            "in", "notin", "replace",
            "ieq", "ine", "igt", "ige", "ilt", "ile", "ilike", "inotlike", "imatch", "inotmatch", "icontains",
            "inotcontains", "iin", "inotin", "ireplace",
            "ceq", "cne", "cgt", "cge", "clt", "cle", "clike", "cnotlike", "cmatch", "cnotmatch", "ccontains",
            "cnotcontains", "cin", "cnotin", "creplace",
            "and", "or", "xor", "not", "band", "bor", "bxor", "bnot", "shl", "shr",
            "is", "isnot", "as", "f", "split", "isplit", "csplit", "join");

    final ScriptText src;
    private final String s;
    private final int limit;
    int pos;

    Lexer(ScriptText src, int start, int limit) {
        this.src = src;
        this.s = src.text();
        this.pos = start;
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    ParseFailure error(int start, int end, String id, String message) {
        return new ParseFailure(new ParseError(src.extent(start, end), id, message));
    }

    private char at(int i) {
        return i < limit ? s.charAt(i) : '\0';
    }

    // ---------------------------------------------------------------------------------------------------- trivia

    /** Skips blanks, comments and line continuations, but not newlines. */
    void skipTrivia() {
        while (pos < limit) {
            char c = s.charAt(pos);
            if (Chars.isBlank(c)) {
                pos++;
            } else if (c == '`' && Chars.isNewline(at(pos + 1))) {
                pos += (at(pos + 1) == '\r' && at(pos + 2) == '\n') ? 3 : 2;
            } else if (c == '#') {
                while (pos < limit && !Chars.isNewline(s.charAt(pos))) {
                    pos++;
                }
            } else if (c == '<' && at(pos + 1) == '#') {
                int end = s.indexOf("#>", pos + 2);
                if (end < 0 || end + 2 > limit) {
                    throw error(pos, limit, "MissingTerminatorMultiLineComment",
                            "The terminator '#>' is missing from the multiline comment.");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    /** Skips trivia and newlines (where the grammar lets a statement continue on the next line). */
    void skipNewlines() {
        while (true) {
            skipTrivia();
            if (pos < limit && Chars.isNewline(s.charAt(pos))) {
                pos++;
            } else {
                return;
            }
        }
    }

    /** True when the text at the position, after trivia, starts a new line or ends the input. */
    boolean atLineEnd() {
        int save = pos;
        skipTrivia();
        boolean r = pos >= limit || Chars.isNewline(s.charAt(pos));
        pos = save;
        return r;
    }

    // ---------------------------------------------------------------------------------------------------- tokens

    // the parser peeks the same token many times (once per precedence level): remember the last one
    private int peekedAt = -1;
    private Mode peekedMode;
    private Token peeked;
    private int peekedEnd;

    Token peek(Mode mode) {
        if (peekedAt == pos && peekedMode == mode) {
            return peeked;
        }
        int save = pos;
        try {
            Token t = scan(mode);
            peekedAt = save;
            peekedMode = mode;
            peeked = t;
            peekedEnd = pos;
            return t;
        } finally {
            pos = save;
        }
    }

    Token next(Mode mode) {
        if (peekedAt == pos && peekedMode == mode) {
            pos = peekedEnd;
            peekedAt = -1;
            return peeked;
        }
        return scan(mode);
    }

    private Token scan(Mode mode) {
        skipTrivia();
        int start = pos;
        if (pos >= limit) {
            return new Token(TokenKind.EOF, pos, pos, null);
        }
        char c = s.charAt(pos);
        char n = at(pos + 1);
        if (Chars.isNewline(c)) {
            pos += (c == '\r' && n == '\n') ? 2 : 1;
            return tok(TokenKind.NEWLINE, start, null);
        }
        switch (c) {
            case ';':
                pos++;
                return tok(TokenKind.SEMI, start, null);
            case '|':
                if (n == '|') {
                    throw error(pos, pos + 2, "InvalidEndOfLine",
                            "The token '||' is not a valid statement separator in this version.");
                }
                pos++;
                return tok(TokenKind.PIPE, start, null);
            case '&':
                if (n == '&') {
                    throw error(pos, pos + 2, "InvalidEndOfLine",
                            "The token '&&' is not a valid statement separator in this version.");
                }
                pos++;
                return tok(TokenKind.AMP, start, null);
            case '(':
                pos++;
                return tok(TokenKind.LPAREN, start, null);
            case ')':
                pos++;
                return tok(TokenKind.RPAREN, start, null);
            case '{':
                pos++;
                return tok(TokenKind.LCURLY, start, null);
            case '}':
                pos++;
                return tok(TokenKind.RCURLY, start, null);
            case ',':
                pos++;
                return tok(TokenKind.COMMA, start, null);
            case '@':
                return scanAt(mode);
            case '$':
                if (n == '(') {
                    pos += 2;
                    return tok(TokenKind.DOLLAR_PAREN, start, null);
                }
                return scanVariableToken(mode);
            case '>':
                return scanRedirection(start, start, 1);
            case '<':
                throw error(pos, pos + 1, "RedirectionNotSupported", "The '<' operator is reserved for future use.");
            default:
                break;
        }
        if (Chars.isQuote(c)) {
            Token t = Chars.isSingleQuote(c) ? scanSingleQuoted(start) : scanDoubleQuoted(start);
            // in command mode a quoted part followed by more of a word joins that word ('a'b is "ab")
            if (mode == Mode.COMMAND && pos < limit && !Chars.endsGeneric(s.charAt(pos)) && s.charAt(pos) != '.'
                    && s.charAt(pos) != '[') {
                return scanGeneric(start);
            }
            return t;
        }
        if ((c >= '1' && c <= '6' || c == '*') && n == '>') {
            return scanRedirection(start, start + 1, c == '*' ? 0 : c - '0');
        }
        return mode == Mode.EXPRESSION ? scanExpressionToken(start, c, n) : scanCommandToken(start, c, n);
    }

    private Token tok(TokenKind kind, int start, Object value) {
        return new Token(kind, start, pos, value);
    }

    private Token scanRedirection(int start, int gtAt, int from) {
        pos = gtAt + 1;
        boolean append = false;
        if (at(pos) == '>') {
            append = true;
            pos++;
        }
        int mergeTo = 0;
        if (!append && at(pos) == '&' && (at(pos + 1) == '1' || at(pos + 1) == '2')) {
            mergeTo = at(pos + 1) - '0';
            pos += 2;
        }
        return new Token(TokenKind.REDIRECTION, start, pos, new Token.Redirect(from, append, mergeTo));
    }

    private Token scanAt(Mode mode) {
        int start = pos;
        char n = at(pos + 1);
        if (n == '(') {
            pos += 2;
            return tok(TokenKind.AT_PAREN, start, null);
        }
        if (n == '{') {
            pos += 2;
            return tok(TokenKind.AT_CURLY, start, null);
        }
        if (Chars.isSingleQuote(n) || Chars.isDoubleQuote(n)) {
            return scanHereString(start);
        }
        if (Chars.isVariableChar(n) || n == '?') {
            pos++;
            int nameStart = pos;
            while (pos < limit && Chars.isVariableChar(s.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                pos++;
            }
            String name = s.substring(nameStart, pos);
            if (mode == Mode.EXPRESSION) {
                throw error(start, pos, "SplattingNotPermitted", "The splatting operator '@' cannot be used to "
                        + "reference variables in an expression. '@" + name + "' can be used only as an argument to a"
                        + " command. To reference variables in an expression use '$" + name + "'.");
            }
            return tok(TokenKind.SPLAT, start, VariablePath.parse(name));
        }
        pos++;
        throw error(start, pos, "UnrecognizedToken", "Unrecognized token in source text.");
    }

    // ---------------------------------------------------------------------------------------------------- variables

    private Token scanVariableToken(Mode mode) {
        int start = pos;
        VariablePath path = scanVariable(start);
        if (path == null) {
            if (mode == Mode.COMMAND) {
                return scanGeneric(start);
            }
            pos = start + 1;
            throw error(start, start + 1, "InvalidVariableReference",
                    "Variable reference is not valid. '$' was not followed by a valid variable name character. "
                            + "Consider using ${} to delimit the name.");
        }
        if (mode == Mode.COMMAND && pos < limit && !Chars.endsGeneric(s.charAt(pos)) && s.charAt(pos) != '.'
                && s.charAt(pos) != '[') {
            // "$a-b" as an argument is one expandable word, as in PowerShell
            pos = start;
            return scanGeneric(start);
        }
        return tok(TokenKind.VARIABLE, start, path);
    }

    /**
     * Scans a variable reference at {@code start} ('$'), leaving {@link #pos} after it; returns {@code null} (position
     * unchanged) when '$' is not followed by a variable name.
     */
    VariablePath scanVariable(int start) {
        int p = start + 1;
        char c = at(p);
        if (c == '{') {
            StringBuilder name = new StringBuilder();
            p++;
            while (true) {
                if (p >= limit) {
                    throw error(start, limit, "IncompleteDollarVariableReference",
                            "${variable} reference starting is missing the closing '}'.");
                }
                char d = s.charAt(p);
                if (d == '}') {
                    break;
                }
                if (d == '`' && p + 1 < limit) {
                    p++;
                    d = s.charAt(p);
                }
                name.append(d);
                p++;
            }
            pos = p + 1;
            if (name.isEmpty()) {
                throw error(start, pos, "EmptyVariableReference",
                        "An empty ${} variable reference was found. A name is required inside the braces.");
            }
            return VariablePath.parse(name.toString());
        }
        if (c == '$' || c == '?' || c == '^') {
            pos = p + 1;
            return new VariablePath(null, String.valueOf(c));
        }
        if (!Chars.isVariableChar(c)) {
            return null;
        }
        int nameStart = p;
        while (p < limit && Chars.isVariableChar(s.charAt(p))) {
            p++;
        }
        if (at(p) == ':' && at(p + 1) != ':') {
            char after = at(p + 1);
            if (Chars.isVariableChar(after) || after == '{' || after == '?') {
                String scope = s.substring(nameStart, p).toLowerCase(Locale.ROOT);
                p++;
                int n2 = p;
                while (p < limit && (Chars.isVariableChar(s.charAt(p)) || s.charAt(p) == '?')) {
                    p++;
                }
                pos = p;
                return new VariablePath(scope, s.substring(n2, p));
            }
        }
        pos = p;
        return new VariablePath(null, s.substring(nameStart, p));
    }

    // ---------------------------------------------------------------------------------------------------- expression

    private Token scanExpressionToken(int start, char c, char n) {
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            Object number = scanNumber(start);
            if (number != null) {
                return tok(TokenKind.NUMBER, start, number);
            }
            // a digit run followed by letters: PowerShell reports the whole word
            int e = start;
            while (e < limit && Chars.isIdentifierChar(s.charAt(e))) {
                e++;
            }
            pos = e;
            throw error(start, e, "BadNumericConstant", "The numeric constant " + s.substring(start, e)
                    + " is not valid.");
        }
        if (Chars.isDash(c)) {
            if (Chars.isDash(n)) {
                pos += 2;
                return tok(TokenKind.MINUSMINUS, start, null);
            }
            if (n == '=') {
                pos += 2;
                return tok(TokenKind.MINUS_EQ, start, null);
            }
            if (Character.isLetter(n)) {
                int p = pos + 1;
                while (p < limit && Chars.isIdentifierChar(s.charAt(p))) {
                    p++;
                }
                String word = s.substring(pos + 1, p).toLowerCase(Locale.ROOT);
                pos = p;
                if (OPERATORS.contains(word)) {
                    return tok(TokenKind.OPERATOR, start, word);
                }
                return tok(TokenKind.PARAMETER, start, new Token.Parameter(word, false));
            }
            pos++;
            return tok(TokenKind.MINUS, start, null);
        }
        switch (c) {
            case '+':
                pos += (n == '+' || n == '=') ? 2 : 1;
                return tok(n == '+' ? TokenKind.PLUSPLUS : n == '=' ? TokenKind.PLUS_EQ : TokenKind.PLUS, start, null);
            case '*':
                pos += n == '=' ? 2 : 1;
                return tok(n == '=' ? TokenKind.STAR_EQ : TokenKind.STAR, start, null);
            case '/':
                pos += n == '=' ? 2 : 1;
                return tok(n == '=' ? TokenKind.SLASH_EQ : TokenKind.SLASH, start, null);
            case '%':
                pos += n == '=' ? 2 : 1;
                return tok(n == '=' ? TokenKind.PERCENT_EQ : TokenKind.PERCENT, start, null);
            case '=':
                pos++;
                return tok(TokenKind.EQUALS, start, null);
            case '!':
                pos++;
                return tok(TokenKind.EXCLAIM, start, null);
            case '[':
                pos++;
                return tok(TokenKind.LBRACKET, start, null);
            case ']':
                pos++;
                return tok(TokenKind.RBRACKET, start, null);
            case '.':
                if (n == '.') {
                    pos += 2;
                    return tok(TokenKind.DOTDOT, start, null);
                }
                pos++;
                return tok(TokenKind.DOT, start, null);
            case ':':
                if (n == ':') {
                    pos += 2;
                    return tok(TokenKind.COLONCOLON, start, null);
                }
                break;
            default:
                break;
        }
        if (Chars.isIdentifierStart(c)) {
            int p = pos;
            while (p < limit && Chars.isIdentifierChar(s.charAt(p))) {
                p++;
            }
            pos = p;
            return tok(TokenKind.IDENTIFIER, start, s.substring(start, p));
        }
        pos++;
        return tok(TokenKind.UNKNOWN, start, String.valueOf(c));
    }

    /**
     * Scans a numeric literal at {@code start}; returns its value (Integer, Long or Double) and moves past it, or
     * returns {@code null} with the position unchanged when the text there is not a complete number.
     */
    Object scanNumber(int start) {
        int p = start;
        boolean negative = false;
        if (Chars.isDash(at(p))) {
            negative = true;
            p++;
        }
        Object value;
        if (at(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X')) {
            int h = p + 2;
            while (h < limit && Character.digit(s.charAt(h), 16) >= 0) {
                h++;
            }
            if (h == p + 2) {
                return null;
            }
            BigInteger big = new BigInteger(s.substring(p + 2, h), 16);
            p = h;
            boolean longSuffix = false;
            if (at(p) == 'l' || at(p) == 'L') {
                longSuffix = true;
                p++;
            }
            if (big.bitLength() > 64) {
                return null;
            }
            long bits = big.longValue();
            // 5.1: a hex literal that fits in 32 bits is an Int32, so 0xFFFFFFFF is -1
            if (!longSuffix && big.bitLength() <= 32) {
                value = (int) bits;
            } else {
                value = bits;
            }
            int[] mult = new int[1];
            p = scanMultiplier(p, mult);
            if (p < 0) {
                return null;
            }
            value = applyMultiplier(value, mult[0]);
        } else {
            int d0 = p;
            while (Character.isDigit(at(p))) {
                p++;
            }
            boolean real = false;
            if (at(p) == '.' && Character.isDigit(at(p + 1))) {
                real = true;
                p++;
                while (Character.isDigit(at(p))) {
                    p++;
                }
            }
            if (p == d0) {
                return null;
            }
            if ((at(p) == 'e' || at(p) == 'E')
                    && (Character.isDigit(at(p + 1)) || ((at(p + 1) == '+' || Chars.isDash(at(p + 1)))
                    && Character.isDigit(at(p + 2))))) {
                real = true;
                p += 2;
                while (Character.isDigit(at(p))) {
                    p++;
                }
            }
            String digits = s.substring(d0, p).replace('\u2013', '-').replace('\u2014', '-').replace('\u2015', '-');
            char suffix = Character.toLowerCase(at(p));
            boolean longSuffix = false;
            boolean decimalSuffix = false;
            if (suffix == 'l') {
                longSuffix = true;
                p++;
            } else if (suffix == 'd' && !Chars.isIdentifierChar(at(p + 1))) {
                decimalSuffix = true;
                p++;
            }
            int[] mult = new int[1];
            p = scanMultiplier(p, mult);
            if (p < 0) {
                return null;
            }
            if (real || decimalSuffix) {
                double d = Double.parseDouble(digits);
                if (longSuffix) {
                    return null;
                }
                value = d;
            } else {
                BigInteger big = new BigInteger(digits);
                if (!longSuffix && big.bitLength() < 32) {
                    value = big.intValue();
                } else if (big.bitLength() < 64) {
                    value = big.longValue();
                } else {
                    value = big.doubleValue();
                }
            }
            value = applyMultiplier(value, mult[0]);
        }
        if (Chars.isIdentifierChar(at(p))) {
            return null;
        }
        pos = p;
        return negative ? negate(value) : value;
    }

    private int scanMultiplier(int p, int[] out) {
        char a = Character.toLowerCase(at(p));
        char b = Character.toLowerCase(at(p + 1));
        if (b == 'b' && "kmgtp".indexOf(a) >= 0 && a != '\0') {
            out[0] = "kmgtp".indexOf(a) + 1;
            return p + 2;
        }
        out[0] = 0;
        return p;
    }

    private static Object applyMultiplier(Object value, int power) {
        if (power == 0) {
            return value;
        }
        long m = 1L << (10 * power);
        if (value instanceof Double d) {
            return d * m;
        }
        long v = ((Number) value).longValue();
        BigInteger r = BigInteger.valueOf(v).multiply(BigInteger.valueOf(m));
        if (value instanceof Integer && r.bitLength() < 32) {
            return r.intValue();
        }
        if (r.bitLength() < 64) {
            return r.longValue();
        }
        return r.doubleValue();
    }

    private static Object negate(Object v) {
        if (v instanceof Integer i) {
            return i == Integer.MIN_VALUE ? (Object) (-(long) i) : (Object) (-i);
        }
        if (v instanceof Long l) {
            return -l;
        }
        return -((Double) v);
    }

    // ---------------------------------------------------------------------------------------------------- command

    private Token scanCommandToken(int start, char c, char n) {
        if (Chars.isDash(c)) {
            if (Character.isDigit(n) || (n == '.' && Character.isDigit(at(pos + 2)))) {
                Token num = tryNumberWord(start);
                if (num != null) {
                    return num;
                }
                return scanGeneric(start);
            }
            if (n != '\0' && !Chars.endsGeneric(n) && !Chars.isDash(n) && !Chars.isQuote(n) && n != '$'
                    && n != ':') {
                int p = pos + 1;
                while (p < limit) {
                    char d = s.charAt(p);
                    if (Chars.endsGeneric(d) || d == ':' || Chars.isQuote(d) || d == '$' || d == '.' || d == '['
                            || d == '`') {
                        break;
                    }
                    p++;
                }
                char stop = at(p);
                if (Chars.isQuote(stop) || stop == '$' || stop == '`') {
                    return scanGeneric(start);
                }
                String name = s.substring(pos + 1, p);
                boolean colon = stop == ':';
                pos = colon ? p + 1 : p;
                return tok(TokenKind.PARAMETER, start, new Token.Parameter(name, colon));
            }
            return scanGeneric(start);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            Token num = tryNumberWord(start);
            if (num != null) {
                return num;
            }
        }
        if (c == '[' || c == ']') {
            return scanGeneric(start);
        }
        return scanGeneric(start);
    }

    /** In command mode a word is a number only when the whole word is one ("5" yes, "5x" and "1.2.3" no). */
    private Token tryNumberWord(int start) {
        Object v = scanNumber(start);
        if (v == null) {
            pos = start;
            return null;
        }
        if (pos < limit && !Chars.endsGeneric(s.charAt(pos))) {
            pos = start;
            return null;
        }
        return tok(TokenKind.NUMBER, start, v);
    }

    /**
     * A bare word in command mode: runs to a blank or a separator; backtick escapes apply; quoted parts join the word
     * ({@code a'b c'} is {@code ab c}); {@code $name} and {@code $(...)} make it expandable.
     */
    private Token scanGeneric(int start) {
        // most bare words (command names, arguments) have no escapes, quotes or variables
        int p = start;
        while (p < limit) {
            char c = s.charAt(p);
            if (Chars.endsGeneric(c) || c == '`' || c == '$' || Chars.isQuote(c)) {
                break;
            }
            p++;
        }
        if (p >= limit || Chars.endsGeneric(s.charAt(p))) {
            pos = p;
            return new Token(TokenKind.GENERIC, start, p, s.substring(start, p));
        }
        List<Token.StringPart> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean expandable = false;
        pos = start;
        while (pos < limit) {
            char c = s.charAt(pos);
            if (Chars.endsGeneric(c)) {
                break;
            }
            if (c == '`') {
                char n = at(pos + 1);
                if (Chars.isNewline(n) || pos + 1 >= limit) {
                    break;
                }
                lit.append(escape(n));
                pos += 2;
            } else if (Chars.isSingleQuote(c)) {
                int p0 = pos;
                Token t = scanSingleQuoted(p0);
                lit.append((String) t.value());
            } else if (Chars.isDoubleQuote(c)) {
                Token t = scanDoubleQuoted(pos);
                Object v = t.value();
                if (v instanceof String str) {
                    lit.append(str);
                } else {
                    for (Token.StringPart part : ((Token.Expandable) v).parts()) {
                        if (part instanceof Token.Literal l) {
                            lit.append(l.text());
                        } else {
                            expandable = true;
                            flush(parts, lit);
                            parts.add(part);
                        }
                    }
                }
            } else if (c == '$') {
                if (at(pos + 1) == '(') {
                    Token.SubExpression sub = scanSubExpressionPart(pos);
                    expandable = true;
                    flush(parts, lit);
                    parts.add(sub);
                } else {
                    int p0 = pos;
                    VariablePath v = scanVariable(p0);
                    if (v == null) {
                        lit.append('$');
                        pos = p0 + 1;
                    } else {
                        expandable = true;
                        flush(parts, lit);
                        parts.add(new Token.Var(v, p0, pos));
                    }
                }
            } else {
                lit.append(c);
                pos++;
            }
        }
        if (!expandable) {
            return new Token(TokenKind.GENERIC, start, pos, lit.toString());
        }
        flush(parts, lit);
        return new Token(TokenKind.STRING_EXPANDABLE, start, pos, new Token.Expandable(List.copyOf(parts), true));
    }

    private static void flush(List<Token.StringPart> parts, StringBuilder lit) {
        if (!lit.isEmpty()) {
            parts.add(new Token.Literal(lit.toString()));
            lit.setLength(0);
        }
    }

    /** Backtick escapes of Windows PowerShell 5.1 ({@code `e} and {@code `u{}} came later and are plain letters). */
    private static char escape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000B';
            default -> c;
        };
    }

    // ---------------------------------------------------------------------------------------------------- strings

    private ParseFailure unterminated(int start, String terminator) {
        return error(start, limit, "TerminatorExpectedAtEndOfString",
                "The string is missing the terminator: " + terminator + ".");
    }

    /** {@code '...'}: no escapes; a doubled quote (any of ' ‘ ’ ‚ ‛) stands for one. */
    Token scanSingleQuoted(int start) {
        StringBuilder b = new StringBuilder();
        int p = start + 1;
        while (true) {
            if (p >= limit) {
                throw unterminated(start, "'");
            }
            char c = s.charAt(p);
            if (Chars.isSingleQuote(c)) {
                if (Chars.isSingleQuote(at(p + 1))) {
                    b.append(s.charAt(p + 1));
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            b.append(c);
            p++;
        }
        pos = p;
        return new Token(TokenKind.STRING_LITERAL, start, p, b.toString());
    }

    /**
     * {@code "..."}: backtick escapes, a doubled quote (any of " “ ” „) for one, and {@code $name}, {@code ${name}},
     * {@code $(...)} expansions. The value is the text when nothing expands, else a {@link Token.Expandable}.
     */
    Token scanDoubleQuoted(int start) {
        List<Token.StringPart> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int p = start + 1;
        while (true) {
            if (p >= limit) {
                throw unterminated(start, "\"");
            }
            char c = s.charAt(p);
            if (Chars.isDoubleQuote(c)) {
                if (Chars.isDoubleQuote(at(p + 1))) {
                    lit.append(s.charAt(p + 1));
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            if (c == '`') {
                if (p + 1 >= limit) {
                    throw unterminated(start, "\"");
                }
                lit.append(escape(s.charAt(p + 1)));
                p += 2;
                continue;
            }
            if (c == '$') {
                if (at(p + 1) == '(') {
                    pos = p;
                    Token.SubExpression sub = scanSubExpressionPartInString(p, start, "\"");
                    flush(parts, lit);
                    parts.add(sub);
                    p = pos;
                    continue;
                }
                pos = p;
                VariablePath v = scanVariableInString(p, start, "\"");
                if (v != null) {
                    flush(parts, lit);
                    parts.add(new Token.Var(v, p, pos));
                    p = pos;
                    continue;
                }
                lit.append('$');
                p++;
                continue;
            }
            lit.append(c);
            p++;
        }
        pos = p;
        if (parts.isEmpty()) {
            return new Token(TokenKind.STRING_LITERAL, start, p, lit.toString());
        }
        flush(parts, lit);
        return new Token(TokenKind.STRING_EXPANDABLE, start, p, new Token.Expandable(List.copyOf(parts), false));
    }

    private VariablePath scanVariableInString(int p, int stringStart, String terminator) {
        try {
            return scanVariable(p);
        } catch (ParseFailure f) {
            if ("IncompleteDollarVariableReference".equals(f.error.errorId())) {
                throw unterminated(stringStart, terminator);
            }
            throw f;
        }
    }

    private Token.SubExpression scanSubExpressionPartInString(int p, int stringStart, String terminator) {
        try {
            return scanSubExpressionPart(p);
        } catch (ParseFailure f) {
            if (pos >= limit || "MissingEndParenthesisInSubexpression".equals(f.error.errorId())
                    || "TerminatorExpectedAtEndOfString".equals(f.error.errorId())) {
                throw unterminated(stringStart, terminator);
            }
            throw f;
        }
    }

    /**
     * Finds the end of a {@code $( ... )} by scanning the tokens inside it (strings, comments and nested brackets
     * included), as PowerShell's tokenizer does; leaves the position after the closing parenthesis.
     */
    Token.SubExpression scanSubExpressionPart(int dollar) {
        pos = dollar + 2;
        int depth = 0;
        while (true) {
            Token t;
            try {
                t = next(Mode.COMMAND);
            } catch (ParseFailure f) {
                if (f.error.errorId().equals("UnrecognizedToken") || f.error.errorId().equals("InvalidVariableReference")
                        || f.error.errorId().equals("SplattingNotPermitted") || f.error.errorId().equals("BadNumericConstant")) {
                    pos = f.error.extent().end() > pos ? f.error.extent().end() : pos + 1;
                    continue;
                }
                throw f;
            }
            switch (t.kind()) {
                case EOF -> throw error(dollar, limit, "MissingEndParenthesisInSubexpression",
                        "Missing closing ')' in subexpression.");
                case LPAREN, DOLLAR_PAREN, AT_PAREN, LCURLY, AT_CURLY -> depth++;
                case RCURLY -> depth--;
                case RPAREN -> {
                    if (depth == 0) {
                        return new Token.SubExpression(dollar + 2, t.start(), dollar, t.end());
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
    }

    /** {@code @' ... '@} and {@code @" ... "@}: the header ends its line, the footer starts one. */
    private Token scanHereString(int start) {
        char q = s.charAt(start + 1);
        boolean expandable = Chars.isDoubleQuote(q);
        String terminator = expandable ? "\"@" : "'@";
        int p = start + 2;
        while (p < limit && Chars.isBlank(s.charAt(p))) {
            p++;
        }
        if (p < limit && !Chars.isNewline(s.charAt(p))) {
            throw error(start, p, "UnexpectedCharactersAfterHereStringHeader",
                    "No characters are allowed after a here-string header but before the end of the line.");
        }
        if (p >= limit) {
            throw unterminated(start, terminator);
        }
        p += (s.charAt(p) == '\r' && at(p + 1) == '\n') ? 2 : 1;
        int bodyStart = p;
        // find a line that starts with the closing quote followed by '@'
        int lineStart = bodyStart;
        int bodyEnd = -1;
        int after = -1;
        while (lineStart <= limit) {
            if (lineStart < limit - 1 && (expandable ? Chars.isDoubleQuote(s.charAt(lineStart))
                    : Chars.isSingleQuote(s.charAt(lineStart))) && s.charAt(lineStart + 1) == '@') {
                bodyEnd = lineStart;
                after = lineStart + 2;
                break;
            }
            int nl = lineStart;
            while (nl < limit && !Chars.isNewline(s.charAt(nl))) {
                nl++;
            }
            if (nl >= limit) {
                break;
            }
            lineStart = nl + ((s.charAt(nl) == '\r' && at(nl + 1) == '\n') ? 2 : 1);
        }
        if (bodyEnd < 0) {
            throw unterminated(start, terminator);
        }
        // the newline before the footer is not part of the string
        int contentEnd = bodyEnd;
        if (contentEnd > bodyStart && s.charAt(contentEnd - 1) == '\n') {
            contentEnd--;
        }
        if (contentEnd > bodyStart && s.charAt(contentEnd - 1) == '\r') {
            contentEnd--;
        }
        if (contentEnd < bodyStart) {
            contentEnd = bodyStart;
        }
        if (!expandable) {
            pos = after;
            return new Token(TokenKind.STRING_LITERAL, start, after, s.substring(bodyStart, contentEnd));
        }
        List<Token.StringPart> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = bodyStart;
        while (i < contentEnd) {
            char c = s.charAt(i);
            if (c == '`' && i + 1 < contentEnd) {
                lit.append(escape(s.charAt(i + 1)));
                i += 2;
            } else if (c == '$' && at(i + 1) == '(') {
                Token.SubExpression sub = scanSubExpressionPartInString(i, start, terminator);
                flush(parts, lit);
                parts.add(sub);
                i = pos;
            } else if (c == '$') {
                VariablePath v = scanVariableInString(i, start, terminator);
                if (v != null) {
                    flush(parts, lit);
                    parts.add(new Token.Var(v, i, pos));
                    i = pos;
                } else {
                    lit.append('$');
                    i++;
                }
            } else {
                lit.append(c);
                i++;
            }
        }
        pos = after;
        if (parts.isEmpty()) {
            return new Token(TokenKind.STRING_LITERAL, start, after, lit.toString());
        }
        flush(parts, lit);
        return new Token(TokenKind.STRING_EXPANDABLE, start, after, new Token.Expandable(List.copyOf(parts), false));
    }

    /** The bare word at the position (for keywords, command names, function names, labels); null if none. */
    String peekWord() {
        int save = pos;
        skipTrivia();
        int p = pos;
        while (p < limit && !Chars.endsGeneric(s.charAt(p)) && !Chars.isQuote(s.charAt(p)) && s.charAt(p) != '$'
                && s.charAt(p) != '`' && s.charAt(p) != '=' && s.charAt(p) != '[' && s.charAt(p) != ']') {
            p++;
        }
        String w = p > pos ? s.substring(pos, p) : null;
        pos = save;
        return w;
    }

    /** Position after trivia, without consuming. */
    int peekStart() {
        int save = pos;
        skipTrivia();
        int r = pos;
        pos = save;
        return r;
    }

    char charAt(int i) {
        return at(i);
    }
}
