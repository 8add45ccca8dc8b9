package io.hvmigrate.sim.ps.lang;

import io.hvmigrate.sim.ps.lang.Ast.*;
import io.hvmigrate.sim.ps.lang.Lexer.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for the PowerShell subset hvsim runs, with PowerShell's error ids and messages. A script
 * that does not parse raises a {@link ParseException} and nothing of it runs.
 */
public final class Parser {

    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of(
            "trap", "class", "enum", "using", "data", "workflow", "configuration", "parallel", "sequence",
            "inlinescript");

    private final ScriptText src;
    private final Lexer lx;

    private Parser(ScriptText src, int start, int end) {
        this.src = src;
        this.lx = new Lexer(src, start, end);
    }

    /** Parses a whole script. */
    public static ScriptBlockBody parse(String script) {
        return parse(new ScriptText(script));
    }

    public static ScriptBlockBody parse(ScriptText text) {
        Parser p = new Parser(text, 0, text.length());
        try {
            return p.parseBody(0, TokenKind.EOF);
        } catch (ParseFailure f) {
            throw new ParseException(List.of(f.error));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Extent ext(int start, int end) {
        return src.extent(start, end);
    }

    private static ParseFailure fail(Extent e, String id, String message) {
        return new ParseFailure(new ParseError(e, id, message));
    }

    private ParseFailure unexpected(Token t) {
        String text = src.text().substring(t.start(), t.end());
        return fail(ext(t.start(), t.end()), "UnexpectedToken", "Unexpected token '" + text + "' in expression or statement.");
    }

    private Token peekE() {
        return lx.peek(Mode.EXPRESSION);
    }

    private Token nextE() {
        return lx.next(Mode.EXPRESSION);
    }

    private Token peekC() {
        return lx.peek(Mode.COMMAND);
    }

    private Token nextC() {
        return lx.next(Mode.COMMAND);
    }

    private boolean isWord(String w, String expected) {
        return w != null && w.equalsIgnoreCase(expected);
    }

    private Token consumeWord() {
        lx.skipTrivia();
        int start = lx.pos;
        String w = lx.peekWord();
        lx.pos = start + w.length();
        return new Token(TokenKind.GENERIC, start, lx.pos, w);
    }

    private static boolean isTerminator(TokenKind k) {
        return k == TokenKind.NEWLINE || k == TokenKind.SEMI || k == TokenKind.EOF || k == TokenKind.RPAREN
                || k == TokenKind.RCURLY || k == TokenKind.PIPE;
    }

    // ------------------------------------------------------------------------------------------------ bodies

    /** The inside of a script or script block, up to (not including) the closer. */
    private ScriptBlockBody parseBody(int start, TokenKind closer) {
        skipSeparators();
        List<Attribute> attributes = new ArrayList<>();
        ParamBlock param = null;
        int save = lx.pos;
        if (lx.peekStart() < lx.limit() && lx.charAt(lx.peekStart()) == '[') {
            // attributes count only before a param block ([CmdletBinding()] param(...)); otherwise "[int]$x = 1"
            // is the first statement and is parsed again as such
            boolean ok = true;
            try {
                while (ok && lx.peekStart() < lx.limit() && lx.charAt(lx.peekStart()) == '[') {
                    Object a = parseAttributeOrType();
                    if (a instanceof Attribute attr) {
                        attributes.add(attr);
                        lx.skipNewlines();
                    } else {
                        ok = false;
                    }
                }
                ok = ok && isWord(lx.peekWord(), "param");
            } catch (ParseFailure f) {
                ok = false;
            }
            if (!ok) {
                lx.pos = save;
                attributes.clear();
            }
        }
        if (isWord(lx.peekWord(), "param")) {
            int ps = lx.peekStart();
            int after = ps + 5;
            int save2 = lx.pos;
            lx.pos = after;
            lx.skipNewlines();
            if (lx.pos < lx.limit() && lx.charAt(lx.pos) == '(') {
                lx.pos++;
                List<Parameter> params = parseParameterList(TokenKind.RPAREN, "MissingEndParenthesisInFunctionParameterList",
                        "Missing ')' in function parameter list.");
                param = new ParamBlock(params, List.copyOf(attributes), ext(ps, lx.pos));
            } else {
                lx.pos = save2;
            }
        }
        skipSeparators();
        String w = lx.peekWord();
        if (w != null && isNamedBlock(w) && nextNonBlankIsCurly(lx.peekStart() + w.length())) {
            Block begin = null;
            Block process = null;
            Block end = null;
            while (true) {
                skipSeparators();
                Token t = peekC();
                if (t.kind() == closer || t.kind() == TokenKind.EOF) {
                    break;
                }
                String word = lx.peekWord();
                if (word == null || !isNamedBlock(word)) {
                    throw fail(ext(t.start(), t.end()), "MissingNamedBlocks", "unexpected token '"
                            + src.text().substring(t.start(), t.end()) + "', expected 'begin', 'process', 'end', or 'dynamicparam'.");
                }
                Token kw = consumeWord();
                lx.skipNewlines();
                Token open = nextE();
                if (open.kind() != TokenKind.LCURLY) {
                    throw fail(ext(kw.end(), kw.end()), "MissingNamedStatementBlock", "Missing statement block after '"
                            + word + "'.");
                }
                Block b = parseBlockAfterCurly(open);
                String key = word.toLowerCase(Locale.ROOT);
                if ((key.equals("begin") && begin != null) || (key.equals("process") && process != null)
                        || (key.equals("end") && end != null)) {
                    throw fail(ext(kw.start(), kw.end()), "DuplicateScriptCommandClause", "Script command clause '"
                            + key + "' has already been defined.");
                }
                switch (key) {
                    case "begin" -> begin = b;
                    case "process" -> process = b;
                    case "end" -> end = b;
                    default -> throw fail(ext(kw.start(), kw.end()), "NotSupportedBySimulator",
                            "hvsim does not implement the 'dynamicparam' block.");
                }
            }
            return new ScriptBlockBody(param, begin, process, end, true, ext(start, lx.pos));
        }
        Block statements = parseStatementList(closer);
        return new ScriptBlockBody(param, null, null, statements, false, ext(start, lx.pos));
    }

    private static boolean isNamedBlock(String w) {
        String l = w.toLowerCase(Locale.ROOT);
        return l.equals("begin") || l.equals("process") || l.equals("end") || l.equals("dynamicparam");
    }

    private boolean nextNonBlankIsCurly(int from) {
        int save = lx.pos;
        lx.pos = from;
        lx.skipNewlines();
        boolean r = lx.pos < lx.limit() && lx.charAt(lx.pos) == '{';
        lx.pos = save;
        return r;
    }

    private void skipSeparators() {
        while (true) {
            lx.skipNewlines();
            if (lx.pos < lx.limit() && lx.charAt(lx.pos) == ';') {
                lx.pos++;
            } else {
                return;
            }
        }
    }

    /** Statements up to a closer (EOF, '}' or ')'), which is left unconsumed. */
    private Block parseStatementList(TokenKind closer) {
        int start = lx.peekStart();
        List<Statement> list = new ArrayList<>();
        while (true) {
            skipSeparators();
            Token t = peekC();
            if (t.kind() == closer || t.kind() == TokenKind.EOF) {
                break;
            }
            if (t.kind() == TokenKind.RPAREN || t.kind() == TokenKind.RCURLY) {
                throw unexpected(t);
            }
            Statement st = parseStatement();
            list.add(st);
            Token after = peekC();
            if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.SEMI && after.kind() != closer
                    && after.kind() != TokenKind.EOF) {
                throw unexpected(peekE().kind() == TokenKind.UNKNOWN ? peekE() : after);
            }
        }
        int end = list.isEmpty() ? start : list.get(list.size() - 1).extent().end();
        return new Block(List.copyOf(list), ext(start, Math.max(start, end)));
    }

    /** After a '{' token: statements, then the '}'. */
    private Block parseBlockAfterCurly(Token open) {
        Block b = parseStatementList(TokenKind.RCURLY);
        Token close = nextC();
        if (close.kind() != TokenKind.RCURLY) {
            throw missingCurly(open);
        }
        return new Block(b.statements(), ext(open.start(), close.end()));
    }

    private ParseFailure missingCurly(Token open) {
        return fail(ext(open.start(), open.end()), "MissingEndCurlyBrace",
                "Missing closing '}' in statement block or type definition.");
    }

    // ------------------------------------------------------------------------------------------------ statements

    private Statement parseStatement() {
        String w = lx.peekWord();
        if (w != null) {
            String k = w.toLowerCase(Locale.ROOT);
            switch (k) {
                case "if":
                    return parseIf();
                case "foreach":
                    return parseForEach(null);
                case "for":
                    return parseFor(null);
                case "while":
                    return parseWhile(null);
                case "do":
                    return parseDo(null);
                case "switch":
                    return parseSwitch(null);
                case "try":
                    return parseTry();
                case "function":
                case "filter":
                    return parseFunction(k.equals("filter"));
                case "return":
                case "throw":
                case "exit":
                    return parseFlowWithValue(k);
                case "break":
                case "continue":
                    return parseBreakContinue(k);
                default:
                    if (UNSUPPORTED_KEYWORDS.contains(k)) {
                        Token t = consumeWord();
                        throw fail(ext(t.start(), t.end()), "NotSupportedBySimulator",
                                "hvsim does not implement the '" + k + "' statement.");
                    }
                    break;
            }
        }
        if (w != null && w.startsWith(":") && w.length() > 1) {
            return parseLabeled();
        }
        return parsePipelineStatement();
    }

    private Statement parseLabeled() {
        Token labelTok = consumeWord();
        String label = ((String) labelTok.value()).substring(1);
        lx.skipNewlines();
        String w = lx.peekWord();
        String k = w == null ? "" : w.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "foreach" -> parseForEach(label);
            case "for" -> parseFor(label);
            case "while" -> parseWhile(label);
            case "do" -> parseDo(label);
            case "switch" -> parseSwitch(label);
            default -> throw fail(ext(labelTok.start(), labelTok.end()), "UnexpectedToken",
                    "Unexpected token '" + labelTok.value() + "' in expression or statement.");
        };
    }

    /** A pipeline, or an assignment whose target is the first expression. */
    private Statement parsePipelineStatement() {
        int start = lx.peekStart();
        List<PipelineElement> elements = new ArrayList<>();
        if (startsExpression()) {
            Expr e = parseExpression();
            if (e == null) {
                throw unexpected(peekE());
            }
            Token op = peekE();
            String assign = assignmentOp(op.kind());
            if (assign != null) {
                checkAssignable(e);
                nextE();
                lx.skipNewlines();
                Token v = peekC();
                if (isTerminator(v.kind())) {
                    throw fail(ext(op.end(), op.end()), "ExpectedValueExpression",
                            "You must provide a value expression following the '" + assign + "' operator.");
                }
                Statement value = parseStatement();
                return new Assignment(e, assign, value, ext(start, value.extent().end()));
            }
            List<Redirection> redirections = parseRedirections();
            int end = redirections.isEmpty() ? e.extent().end() : redirections.get(redirections.size() - 1).extent().end();
            elements.add(new CommandExpression(e, redirections, ext(e.extent().start(), end)));
        } else {
            elements.add(parseCommand());
        }
        while (peekC().kind() == TokenKind.PIPE) {
            Token pipe = nextC();
            lx.skipNewlines();
            Token n = peekC();
            if (isTerminator(n.kind())) {
                throw fail(ext(pipe.end(), pipe.end()), "EmptyPipeElement", "An empty pipe element is not allowed.");
            }
            if (startsExpression() && !startsCommandAnyway()) {
                int s = lx.peekStart();
                Expr bad = parseExpression();
                throw fail(ext(s, bad == null ? s + 1 : bad.extent().end()), "ExpressionsMustBeFirstInPipeline",
                        "Expressions are only allowed as the first element of a pipeline.");
            }
            elements.add(parseCommand());
        }
        int end = elements.get(elements.size() - 1).extent().end();
        return new Pipeline(List.copyOf(elements), ext(start, end));
    }

    private boolean startsCommandAnyway() {
        return false;
    }

    private static String assignmentOp(TokenKind k) {
        return switch (k) {
            case EQUALS -> "=";
            case PLUS_EQ -> "+=";
            case MINUS_EQ -> "-=";
            case STAR_EQ -> "*=";
            case SLASH_EQ -> "/=";
            case PERCENT_EQ -> "%=";
            default -> null;
        };
    }

    private void checkAssignable(Expr e) {
        boolean ok = switch (e) {
            case Variable v -> !v.splatted();
            case Member m -> true;
            case Index i -> true;
            case Convert c -> c.operand() instanceof Variable || c.operand() instanceof Convert;
            case ArrayLiteral a -> a.elements().stream().allMatch(x -> x instanceof Variable || x instanceof Convert);
            default -> false;
        };
        if (!ok) {
            throw fail(e.extent(), "InvalidLeftHandSide", "The assignment expression is not valid. The input to an "
                    + "assignment operator must be an object that is able to accept assignments, such as a variable or"
                    + " a property.");
        }
    }

    /** Whether the statement at the position is an expression (not a command), as PowerShell decides it. */
    private boolean startsExpression() {
        int p = lx.peekStart();
        if (p >= lx.limit()) {
            return false;
        }
        char c = lx.charAt(p);
        char n = lx.charAt(p + 1);
        if (c == '$' || c == '(' || c == '{' || c == ',' || c == '[' || c == '!' || Chars.isQuote(c)) {
            return true;
        }
        if (c == '@') {
            return true;
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            return isNumberAt(p);
        }
        if (c == '+' && n == '+') {
            return true;
        }
        if (Chars.isDash(c)) {
            if (Character.isDigit(n) || (n == '.' && Character.isDigit(lx.charAt(p + 2)))) {
                return isNumberAt(p);
            }
            if (Chars.isDash(n) && lx.charAt(p + 2) == '$') {
                return true;
            }
            Token t = peekE();
            return t.kind() == TokenKind.OPERATOR && Set.of("not", "bnot", "split", "join").contains((String) t.value());
        }
        return false;
    }

    /** "1..3" and "5" start expressions; "7z" is a command name. */
    private boolean isNumberAt(int p) {
        int save = lx.pos;
        try {
            return lx.scanNumber(p) != null;
        } finally {
            lx.pos = save;
        }
    }

    private List<Redirection> parseRedirections() {
        List<Redirection> list = new ArrayList<>();
        while (peekC().kind() == TokenKind.REDIRECTION) {
            list.add(parseRedirection());
        }
        return list;
    }

    private Redirection parseRedirection() {
        Token r = nextC();
        Token.Redirect rd = (Token.Redirect) r.value();
        if (rd.mergeTo() != 0) {
            return new Redirection(rd.from(), rd.append(), rd.mergeTo(), null, ext(r.start(), r.end()));
        }
        Expr target = parseCommandArgumentPrimary();
        if (target == null) {
            throw fail(ext(r.end(), r.end()), "MissingFileSpecification",
                    "Missing file specification after redirection operator.");
        }
        return new Redirection(rd.from(), rd.append(), 0, target, ext(r.start(), target.extent().end()));
    }

    // ------------------------------------------------------------------------------------------------ keywords

    private Statement parseIf() {
        Token kw = consumeWord();
        String keyword = "if";
        List<IfClause> clauses = new ArrayList<>();
        Block elseBlock = null;
        int end;
        while (true) {
            lx.skipNewlines();
            Token open = nextE();
            if (open.kind() != TokenKind.LPAREN) {
                throw fail(ext(kw.end(), kw.end()), "MissingOpenParenthesisInIfStatement",
                        "Missing '(' after '" + keyword + "' in if statement.");
            }
            lx.skipNewlines();
            if (isTerminator(peekC().kind())) {
                throw fail(ext(open.end(), open.end()), "IfStatementMissingCondition",
                        "Missing condition in if statement after '" + keyword + " ('.");
            }
            Statement cond = parsePipelineStatement();
            lx.skipNewlines();
            Token close = nextE();
            if (close.kind() != TokenKind.RPAREN) {
                throw fail(ext(cond.extent().end(), cond.extent().end()), "MissingEndParenthesisAfterStatement",
                        "Missing closing ')' after expression in '" + keyword + "' statement.");
            }
            lx.skipNewlines();
            Token curly = nextE();
            if (curly.kind() != TokenKind.LCURLY) {
                throw fail(ext(close.end(), close.end()), "MissingStatementBlock",
                        "Missing statement block after " + keyword + " ( condition ).");
            }
            Block body = parseBlockAfterCurly(curly);
            clauses.add(new IfClause(cond, body, ext(kw.start(), body.extent().end())));
            end = body.extent().end();
            int save = lx.pos;
            lx.skipNewlines();
            String w = lx.peekWord();
            if (isWord(w, "elseif")) {
                kw = consumeWord();
                keyword = "elseif";
                continue;
            }
            if (isWord(w, "else")) {
                Token elseTok = consumeWord();
                lx.skipNewlines();
                Token c2 = nextE();
                if (c2.kind() != TokenKind.LCURLY) {
                    throw fail(ext(elseTok.end(), elseTok.end()), "MissingStatementBlockAfterElse",
                            "Missing statement block after 'else' keyword.");
                }
                elseBlock = parseBlockAfterCurly(c2);
                end = elseBlock.extent().end();
                break;
            }
            lx.pos = save;
            break;
        }
        return new If(List.copyOf(clauses), elseBlock, ext(clauses.get(0).extent().start(), end));
    }

    private Statement parseForEach(String label) {
        Token kw = consumeWord();
        lx.skipNewlines();
        Token open = nextE();
        if (open.kind() != TokenKind.LPAREN) {
            throw fail(ext(kw.end(), kw.end()), "MissingOpenParenthesisAfterKeyword",
                    "Missing opening '(' after keyword 'foreach'.");
        }
        lx.skipNewlines();
        Token v = nextE();
        if (v.kind() != TokenKind.VARIABLE) {
            throw fail(ext(open.end(), open.end()), "MissingVariableNameAfterForeach",
                    "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}");
        }
        lx.skipNewlines();
        String in = lx.peekWord();
        if (!isWord(in, "in")) {
            throw fail(ext(v.end(), v.end()), "MissingInInForeach",
                    "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}");
        }
        Token inTok = consumeWord();
        lx.skipNewlines();
        if (isTerminator(peekC().kind())) {
            throw fail(ext(inTok.end(), inTok.end()), "MissingForeachExpression",
                    "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}");
        }
        Statement coll = parsePipelineStatement();
        lx.skipNewlines();
        Token close = nextE();
        if (close.kind() != TokenKind.RPAREN) {
            throw fail(ext(coll.extent().end(), coll.extent().end()), "MissingEndParenthesisAfterForeach",
                    "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}");
        }
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(close.end(), close.end()), "MissingForeachStatement",
                    "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}");
        }
        Block body = parseBlockAfterCurly(curly);
        Variable var = new Variable((VariablePath) v.value(), false, ext(v.start(), v.end()));
        return new ForEach(var, coll, body, label, ext(kw.start(), body.extent().end()));
    }

    private Statement parseFor(String label) {
        Token kw = consumeWord();
        lx.skipNewlines();
        Token open = nextE();
        if (open.kind() != TokenKind.LPAREN) {
            throw fail(ext(kw.end(), kw.end()), "MissingOpenParenthesisAfterKeyword",
                    "Missing opening '(' after keyword 'for'.");
        }
        Statement[] parts = new Statement[3];
        int lastEnd = open.end();
        for (int i = 0; i < 3; i++) {
            lx.skipNewlines();
            TokenKind k = peekC().kind();
            if (k != TokenKind.SEMI && k != TokenKind.RPAREN && k != TokenKind.EOF) {
                parts[i] = parsePipelineStatement();
                lastEnd = parts[i].extent().end();
            }
            lx.skipNewlines();
            if (i < 2 && peekC().kind() == TokenKind.SEMI) {
                lastEnd = nextC().end();
            } else if (i < 2) {
                break;
            }
        }
        lx.skipNewlines();
        Token close = nextE();
        if (close.kind() != TokenKind.RPAREN) {
            throw fail(ext(lastEnd, lastEnd), "MissingEndParenthesisAfterStatement",
                    "Missing closing ')' after expression in 'for' statement.");
        }
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(close.end(), close.end()), "MissingLoopStatement", "Missing statement body in for loop.");
        }
        Block body = parseBlockAfterCurly(curly);
        return new For(parts[0], parts[1], parts[2], body, label, ext(kw.start(), body.extent().end()));
    }

    private Statement parseWhile(String label) {
        Token kw = consumeWord();
        lx.skipNewlines();
        Token open = nextE();
        if (open.kind() != TokenKind.LPAREN) {
            throw fail(ext(kw.end(), kw.end()), "MissingOpenParenthesisAfterKeyword",
                    "Missing opening '(' after keyword 'while'.");
        }
        lx.skipNewlines();
        if (isTerminator(peekC().kind())) {
            throw fail(ext(open.end(), open.end()), "MissingExpressionAfterKeyword",
                    "Missing expression after 'while' in loop.");
        }
        Statement cond = parsePipelineStatement();
        lx.skipNewlines();
        Token close = nextE();
        if (close.kind() != TokenKind.RPAREN) {
            throw fail(ext(cond.extent().end(), cond.extent().end()), "MissingEndParenthesisAfterStatement",
                    "Missing closing ')' after expression in 'while' statement.");
        }
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(close.end(), close.end()), "MissingLoopStatement", "Missing statement body in while loop.");
        }
        Block body = parseBlockAfterCurly(curly);
        return new While(cond, body, label, ext(kw.start(), body.extent().end()));
    }

    private Statement parseDo(String label) {
        Token kw = consumeWord();
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(kw.end(), kw.end()), "MissingLoopStatement", "Missing statement body in do loop.");
        }
        Block body = parseBlockAfterCurly(curly);
        lx.skipNewlines();
        String w = lx.peekWord();
        boolean until;
        if (isWord(w, "while")) {
            until = false;
        } else if (isWord(w, "until")) {
            until = true;
        } else {
            throw fail(ext(body.extent().end(), body.extent().end()), "MissingWhileOrUntilInDoWhile",
                    "Missing while or until keyword in do loop.");
        }
        Token kw2 = consumeWord();
        lx.skipNewlines();
        Token open = nextE();
        if (open.kind() != TokenKind.LPAREN) {
            throw fail(ext(kw2.end(), kw2.end()), "MissingOpenParenthesisAfterKeyword",
                    "Missing opening '(' after keyword '" + w.toLowerCase(Locale.ROOT) + "'.");
        }
        lx.skipNewlines();
        if (isTerminator(peekC().kind())) {
            throw fail(ext(open.end(), open.end()), "MissingExpressionAfterKeyword",
                    "Missing expression after '" + w.toLowerCase(Locale.ROOT) + "' in loop.");
        }
        Statement cond = parsePipelineStatement();
        lx.skipNewlines();
        Token close = nextE();
        if (close.kind() != TokenKind.RPAREN) {
            throw fail(ext(cond.extent().end(), cond.extent().end()), "MissingEndParenthesisAfterStatement",
                    "Missing closing ')' after expression in '" + w.toLowerCase(Locale.ROOT) + "' statement.");
        }
        return new DoLoop(body, cond, until, label, ext(kw.start(), close.end()));
    }

    private Statement parseSwitch(String label) {
        Token kw = consumeWord();
        String mode = "exact";
        boolean caseSensitive = false;
        while (true) {
            lx.skipTrivia();
            Token t = peekC();
            if (t.kind() != TokenKind.PARAMETER) {
                break;
            }
            nextC();
            String flag = ((Token.Parameter) t.value()).name().toLowerCase(Locale.ROOT);
            if ("regex".startsWith(flag) && !flag.isEmpty()) {
                mode = "regex";
            } else if ("wildcard".startsWith(flag) && !flag.isEmpty()) {
                mode = "wildcard";
            } else if ("exact".startsWith(flag) && !flag.isEmpty()) {
                mode = "exact";
            } else if ("casesensitive".startsWith(flag) && !flag.isEmpty()) {
                caseSensitive = true;
            } else if ("file".startsWith(flag)) {
                throw fail(ext(t.start(), t.end()), "NotSupportedBySimulator",
                        "hvsim does not implement 'switch -file'.");
            } else {
                throw fail(ext(t.start(), t.end()), "InvalidSwitchFlag", "The parameter -" + flag
                        + " is not valid for the switch statement.");
            }
        }
        lx.skipNewlines();
        Token open = nextE();
        if (open.kind() != TokenKind.LPAREN) {
            throw fail(ext(kw.end(), kw.end()), "PipelineValueRequired",
                    "A switch statement must have one of the following:  '-file file_name' or '( expression )'.");
        }
        lx.skipNewlines();
        if (isTerminator(peekC().kind())) {
            throw fail(ext(open.end(), open.end()), "MissingSwitchValueExpression",
                    "Missing expression after '(' in switch statement.");
        }
        Statement value = parsePipelineStatement();
        lx.skipNewlines();
        Token close = nextE();
        if (close.kind() != TokenKind.RPAREN) {
            throw fail(ext(value.extent().end(), value.extent().end()), "MissingEndParenthesisInSwitchStatement",
                    "Missing ')' after expression in switch statement.");
        }
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(close.end(), close.end()), "MissingCurlyBraceInSwitchStatement",
                    "Missing '{' in switch statement.");
        }
        List<SwitchClause> clauses = new ArrayList<>();
        Block defaultBlock = null;
        while (true) {
            skipSeparators();
            Token t = peekC();
            if (t.kind() == TokenKind.RCURLY) {
                nextC();
                break;
            }
            if (t.kind() == TokenKind.EOF) {
                throw missingCurly(curly);
            }
            String w = lx.peekWord();
            boolean isDefault = isWord(w, "default") && nextNonBlankIsCurly(lx.peekStart() + 7);
            Expr cond = null;
            int cs = lx.peekStart();
            if (isDefault) {
                consumeWord();
            } else {
                cond = parseCommandArgumentPrimary();
                if (cond == null) {
                    throw fail(ext(cs, cs), "MissingSwitchConditionExpression",
                            "Missing condition in switch statement clause.");
                }
            }
            lx.skipNewlines();
            Token bodyOpen = nextE();
            if (bodyOpen.kind() != TokenKind.LCURLY) {
                throw fail(ext(bodyOpen.start(), bodyOpen.start()), "MissingSwitchStatementClause",
                        "Missing statement block in switch statement clause.");
            }
            Block body = parseBlockAfterCurly(bodyOpen);
            if (isDefault) {
                if (defaultBlock != null) {
                    throw fail(ext(cs, body.extent().end()), "MultipleSwitchDefaultClauses",
                            "A switch statement can have only one default clause.");
                }
                defaultBlock = body;
            } else {
                clauses.add(new SwitchClause(cond, body, ext(cs, body.extent().end())));
            }
        }
        return new Switch(value, mode, caseSensitive, List.copyOf(clauses), defaultBlock, label,
                ext(kw.start(), lx.pos));
    }

    private Statement parseTry() {
        Token kw = consumeWord();
        lx.skipNewlines();
        Token curly = nextE();
        if (curly.kind() != TokenKind.LCURLY) {
            throw fail(ext(kw.end(), kw.end()), "MissingTryStatementBlock",
                    "The Try statement is missing its statement block.");
        }
        Block body = parseBlockAfterCurly(curly);
        List<Catch> catches = new ArrayList<>();
        Block finallyBlock = null;
        int end = body.extent().end();
        boolean sawCatchAll = false;
        while (true) {
            int save = lx.pos;
            lx.skipNewlines();
            String w = lx.peekWord();
            if (isWord(w, "catch")) {
                Token ck = consumeWord();
                if (sawCatchAll) {
                    throw fail(ext(ck.start(), ck.end()), "EmptyCatchNotLast", "Catch block must be the last catch block.");
                }
                List<TypeName> types = new ArrayList<>();
                while (true) {
                    lx.skipNewlines();
                    if (lx.pos < lx.limit() && lx.charAt(lx.pos) == '[') {
                        lx.pos++;
                        types.add(parseTypeNameAfterBracket(lx.pos - 1));
                        lx.skipTrivia();
                        if (lx.pos < lx.limit() && lx.charAt(lx.pos) == ',') {
                            lx.pos++;
                            continue;
                        }
                    }
                    break;
                }
                lx.skipNewlines();
                Token open = nextE();
                if (open.kind() != TokenKind.LCURLY) {
                    throw fail(ext(ck.end(), ck.end()), "MissingCatchHandlerBlock",
                            "The Catch block is missing its statement block.");
                }
                Block cb = parseBlockAfterCurly(open);
                catches.add(new Catch(List.copyOf(types), cb, ext(ck.start(), cb.extent().end())));
                sawCatchAll |= types.isEmpty();
                end = cb.extent().end();
                continue;
            }
            if (isWord(w, "finally")) {
                Token fk = consumeWord();
                lx.skipNewlines();
                Token open = nextE();
                if (open.kind() != TokenKind.LCURLY) {
                    throw fail(ext(fk.end(), fk.end()), "MissingFinallyStatementBlock",
                            "The Finally block is missing its statement block.");
                }
                finallyBlock = parseBlockAfterCurly(open);
                end = finallyBlock.extent().end();
                break;
            }
            lx.pos = save;
            break;
        }
        if (catches.isEmpty() && finallyBlock == null) {
            throw fail(ext(body.extent().end(), body.extent().end()), "MissingCatchOrFinally",
                    "The Try statement is missing its Catch or Finally block.");
        }
        return new Try(body, List.copyOf(catches), finallyBlock, ext(kw.start(), end));
    }

    private Statement parseFunction(boolean filter) {
        Token kw = consumeWord();
        lx.skipTrivia();
        int ns = lx.pos;
        int p = ns;
        while (p < lx.limit() && !Chars.isBlank(lx.charAt(p)) && !Chars.isNewline(lx.charAt(p))
                && lx.charAt(p) != '(' && lx.charAt(p) != '{' && lx.charAt(p) != ';' && lx.charAt(p) != '}') {
            p++;
        }
        if (p == ns) {
            throw fail(ext(kw.end(), kw.end()), "MissingNameAfterKeyword",
                    "Missing name after " + (filter ? "filter" : "function") + " keyword.");
        }
        String name = src.text().substring(ns, p);
        lx.pos = p;
        lx.skipNewlines();
        List<Parameter> declared = null;
        int paramStart = lx.pos;
        if (lx.pos < lx.limit() && lx.charAt(lx.pos) == '(') {
            lx.pos++;
            declared = parseParameterList(TokenKind.RPAREN, "MissingEndParenthesisInFunctionParameterList",
                    "Missing ')' in function parameter list.");
            lx.skipNewlines();
        }
        Token open = nextE();
        if (open.kind() != TokenKind.LCURLY) {
            throw fail(ext(open.start(), open.start()), "MissingFunctionBody", "Missing function body in function declaration.");
        }
        ScriptBlockBody body = parseBody(open.start(), TokenKind.RCURLY);
        Token close = nextC();
        if (close.kind() != TokenKind.RCURLY) {
            throw missingCurly(open);
        }
        if (declared != null) {
            if (body.param() != null) {
                throw fail(body.param().extent(), "OnlyOneParameterListAllowed",
                        "The param statement cannot be used if arguments were specified in the function declaration.");
            }
            body = new ScriptBlockBody(new ParamBlock(declared, List.of(), ext(paramStart, paramStart)), body.begin(),
                    body.process(), body.end(), body.namedBlocks(), body.extent());
        }
        body = new ScriptBlockBody(body.param(), body.begin(), body.process(), body.end(), body.namedBlocks(),
                ext(open.start(), close.end()));
        return new FunctionDef(name, filter, body, ext(kw.start(), close.end()));
    }

    private Statement parseFlowWithValue(String keyword) {
        Token kw = consumeWord();
        Statement value = null;
        lx.skipTrivia();
        TokenKind k = peekC().kind();
        if (!isTerminator(k)) {
            value = parsePipelineStatement();
        }
        Extent e = ext(kw.start(), value == null ? kw.end() : value.extent().end());
        return switch (keyword) {
            case "return" -> new Return(value, e);
            case "throw" -> new Throw(value, e);
            default -> new Exit(value, e);
        };
    }

    private Statement parseBreakContinue(String keyword) {
        Token kw = consumeWord();
        String label = null;
        lx.skipTrivia();
        Token t = peekC();
        int end = kw.end();
        if (t.kind() == TokenKind.GENERIC) {
            nextC();
            label = (String) t.value();
            end = t.end();
        }
        Extent e = ext(kw.start(), end);
        return keyword.equals("break") ? new Break(label, e) : new Continue(label, e);
    }

    // ------------------------------------------------------------------------------------------------ parameters

    private List<Parameter> parseParameterList(TokenKind closer, String missingId, String missingMessage) {
        List<Parameter> list = new ArrayList<>();
        lx.skipNewlines();
        if (lx.pos < lx.limit() && lx.charAt(lx.pos) == ')') {
            lx.pos++;
            return list;
        }
        while (true) {
            lx.skipNewlines();
            int ps = lx.pos;
            List<Attribute> attrs = new ArrayList<>();
            TypeName type = null;
            while (lx.pos < lx.limit() && lx.charAt(lx.pos) == '[') {
                Object a = parseAttributeOrType();
                if (a instanceof Attribute at) {
                    attrs.add(at);
                } else {
                    type = (TypeName) a;
                }
                lx.skipNewlines();
            }
            Token v = nextE();
            if (v.kind() != TokenKind.VARIABLE) {
                throw fail(ext(v.start(), v.end()), "InvalidFunctionParameter", "Parameter declarations are a "
                        + "comma-separated list of variable names with optional initializer expressions.");
            }
            Expr def = null;
            lx.skipNewlines();
            if (peekE().kind() == TokenKind.EQUALS) {
                nextE();
                lx.skipNewlines();
                def = parseExpression();
                if (def == null) {
                    throw fail(ext(lx.pos, lx.pos), "ExpectedValueExpression",
                            "You must provide a value expression following the '=' operator.");
                }
            }
            for (Parameter existing : list) {
                if (existing.name().name().equalsIgnoreCase(((VariablePath) v.value()).name())) {
                    throw fail(ext(v.start(), v.end()), "DuplicateFormalParameter", "Duplicate parameter $"
                            + ((VariablePath) v.value()).name() + " in parameter list.");
                }
            }
            list.add(new Parameter((VariablePath) v.value(), type, def, List.copyOf(attrs), ext(ps, lx.pos)));
            lx.skipNewlines();
            Token sep = nextE();
            if (sep.kind() == TokenKind.COMMA) {
                continue;
            }
            if (sep.kind() == closer) {
                return list;
            }
            throw fail(ext(sep.start(), sep.start()), missingId, missingMessage);
        }
    }

    /** {@code [Name(args)]} gives an Attribute; {@code [type]} gives a TypeName. The position is at '['. */
    private Object parseAttributeOrType() {
        lx.skipTrivia();
        int start = lx.pos;
        lx.pos++;
        lx.skipTrivia();
        int ns = lx.pos;
        while (lx.pos < lx.limit() && (Chars.isIdentifierChar(lx.charAt(lx.pos)) || lx.charAt(lx.pos) == '.')) {
            lx.pos++;
        }
        if (lx.pos == ns) {
            throw fail(ext(start + 1, start + 1), "MissingTypename", "Missing type name after '['.");
        }
        if (lx.charAt(lx.pos) != '(') {
            lx.pos = start + 1;
            return parseTypeNameAfterBracket(start);
        }
        String name = src.text().substring(ns, lx.pos);
        TypeName tn = new TypeName(name, List.of(), 0, ext(ns, lx.pos));
        lx.pos++;
        List<Expr> positional = new ArrayList<>();
        Map<String, Expr> named = new LinkedHashMap<>();
        lx.skipNewlines();
        if (lx.charAt(lx.pos) == ')') {
            lx.pos++;
        } else {
            while (true) {
                lx.skipNewlines();
                Token t = peekE();
                if (t.kind() == TokenKind.IDENTIFIER) {
                    int save = lx.pos;
                    nextE();
                    lx.skipNewlines();
                    Token eq = peekE();
                    if (eq.kind() == TokenKind.EQUALS) {
                        nextE();
                        lx.skipNewlines();
                        Expr value = parseExpressionNoComma();
                        if (value == null) {
                            throw fail(ext(eq.end(), eq.end()), "MissingExpressionInNamedArgument",
                                    "Missing statement after '=' in named argument.");
                        }
                        named.put((String) t.value(), value);
                    } else if (eq.kind() == TokenKind.COMMA || eq.kind() == TokenKind.RPAREN) {
                        named.put((String) t.value(), null);
                    } else {
                        lx.pos = save;
                        throw unexpected(t);
                    }
                } else {
                    Expr value = parseExpressionNoComma();
                    if (value == null) {
                        throw unexpected(t);
                    }
                    positional.add(value);
                }
                lx.skipNewlines();
                Token sep = nextE();
                if (sep.kind() == TokenKind.COMMA) {
                    continue;
                }
                if (sep.kind() == TokenKind.RPAREN) {
                    break;
                }
                throw fail(ext(sep.start(), sep.start()), "MissingEndParenthesisInExpression",
                        "Missing closing ')' in expression.");
            }
        }
        lx.skipTrivia();
        if (lx.charAt(lx.pos) != ']') {
            throw fail(ext(lx.pos, lx.pos), "EndSquareBracketExpectedAtEndOfAttribute",
                    "Missing ] at end of attribute or type literal.");
        }
        lx.pos++;
        return new Attribute(tn, List.copyOf(positional), named, ext(start, lx.pos));
    }

    /** A type name; the position is just after '[' at {@code open}; leaves the position after the closing ']'. */
    private TypeName parseTypeNameAfterBracket(int open) {
        TypeName t = parseTypeNameInner(open);
        lx.skipTrivia();
        if (lx.charAt(lx.pos) != ']') {
            throw fail(ext(lx.pos, lx.pos), "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.");
        }
        lx.pos++;
        return new TypeName(t.name(), t.generics(), t.rank(), ext(open, lx.pos));
    }

    private TypeName parseTypeNameInner(int open) {
        lx.skipTrivia();
        int ns = lx.pos;
        while (lx.pos < lx.limit() && (Chars.isIdentifierChar(lx.charAt(lx.pos)) || lx.charAt(lx.pos) == '.'
                || lx.charAt(lx.pos) == '`' && Character.isDigit(lx.charAt(lx.pos + 1)))) {
            lx.pos++;
        }
        if (lx.pos == ns) {
            throw fail(ext(open + 1, open + 1), "MissingTypename", "Missing type name after '['.");
        }
        String name = src.text().substring(ns, lx.pos);
        List<TypeName> generics = new ArrayList<>();
        int rank = 0;
        while (lx.charAt(lx.pos) == '[') {
            if (lx.charAt(lx.pos + 1) == ']') {
                rank++;
                lx.pos += 2;
                continue;
            }
            if (rank > 0 || !generics.isEmpty()) {
                break;
            }
            int g = lx.pos;
            lx.pos++;
            while (true) {
                lx.skipTrivia();
                if (lx.charAt(lx.pos) == '[') {
                    int inner = lx.pos;
                    lx.pos++;
                    generics.add(parseTypeNameAfterBracket(inner));
                } else {
                    generics.add(parseTypeNameInner(g));
                }
                lx.skipTrivia();
                if (lx.charAt(lx.pos) == ',') {
                    lx.pos++;
                    continue;
                }
                break;
            }
            if (lx.charAt(lx.pos) != ']') {
                throw fail(ext(lx.pos, lx.pos), "EndSquareBracketExpectedAtEndOfType", "Missing ] at end of type token.");
            }
            lx.pos++;
        }
        return new TypeName(name, List.copyOf(generics), rank, ext(ns, lx.pos));
    }

    // ------------------------------------------------------------------------------------------------ commands

    private Command parseCommand() {
        int start = lx.peekStart();
        Token t = peekC();
        Ast.Invocation inv = Ast.Invocation.NAME;
        List<Node> elements = new ArrayList<>();
        if (t.kind() == TokenKind.AMP || (t.kind() == TokenKind.GENERIC && ".".equals(t.value()))) {
            nextC();
            inv = t.kind() == TokenKind.AMP ? Ast.Invocation.CALL : Ast.Invocation.DOT_SOURCE;
            lx.skipTrivia();
            Expr name = parseCommandArgumentPrimary();
            if (name == null) {
                throw fail(ext(t.end(), t.end()), "MissingExpression", "Missing expression after '"
                        + (inv == Ast.Invocation.CALL ? "&" : ".") + "' in pipeline element.");
            }
            elements.add(name);
        } else if (t.kind() == TokenKind.GENERIC) {
            nextC();
            elements.add(new StringConstant((String) t.value(), true, ext(t.start(), t.end())));
        } else if (t.kind() == TokenKind.STRING_EXPANDABLE && ((Token.Expandable) t.value()).generic()) {
            nextC();
            elements.add(expandable(t));
        } else {
            throw unexpected(t);
        }
        List<Redirection> redirections = new ArrayList<>();
        while (true) {
            lx.skipTrivia();
            Token a = peekC();
            switch (a.kind()) {
                case NEWLINE, SEMI, PIPE, RPAREN, RCURLY, EOF -> {
                    int end = elements.isEmpty() ? start : elements.get(elements.size() - 1).extent().end();
                    if (!redirections.isEmpty()) {
                        end = Math.max(end, redirections.get(redirections.size() - 1).extent().end());
                    }
                    return new Command(inv, List.copyOf(elements), List.copyOf(redirections), ext(start, end));
                }
                case PARAMETER -> {
                    nextC();
                    Token.Parameter p = (Token.Parameter) a.value();
                    Expr arg = null;
                    int end = a.end();
                    if (p.colon()) {
                        lx.skipTrivia();
                        arg = parseCommandArgument();
                        if (arg == null) {
                            throw fail(ext(a.start(), a.end()), "ParameterRequiresArgument",
                                    "Parameter -" + p.name() + " requires an argument.");
                        }
                        end = arg.extent().end();
                    }
                    elements.add(new ParameterArg(p.name(), arg, p.colon(), ext(a.start(), end)));
                }
                case REDIRECTION -> redirections.add(parseRedirection());
                case AMP -> throw fail(ext(a.start(), a.end()), "AmpersandNotAllowed", "The ampersand (&) character is "
                        + "not allowed. The & operator is reserved for future use; wrap an ampersand in double "
                        + "quotation marks (\"&\") to pass it as part of a string.");
                case SPLAT -> {
                    nextC();
                    elements.add(new Variable((VariablePath) a.value(), true, ext(a.start(), a.end())));
                }
                default -> {
                    Expr arg = parseCommandArgument();
                    if (arg == null) {
                        throw unexpected(a);
                    }
                    elements.add(arg);
                }
            }
        }
    }

    /** A command argument: a primary, or a comma-separated list of them ({@code a,b,c}). */
    private Expr parseCommandArgument() {
        Expr first = parseCommandArgumentPrimary();
        if (first == null) {
            return null;
        }
        lx.skipTrivia();
        if (peekC().kind() != TokenKind.COMMA) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (peekC().kind() == TokenKind.COMMA) {
            Token comma = nextC();
            lx.skipNewlines();
            Expr e = parseCommandArgumentPrimary();
            if (e == null) {
                throw fail(ext(comma.end(), comma.end()), "MissingExpressionAfterToken", "Missing expression after ','.");
            }
            items.add(e);
            lx.skipTrivia();
        }
        return new ArrayLiteral(List.copyOf(items), ext(first.extent().start(), items.get(items.size() - 1).extent().end()));
    }

    /** One argument in command mode: a bare word, a number, or a primary expression with adjacent member access. */
    private Expr parseCommandArgumentPrimary() {
        lx.skipTrivia();
        Token t = peekC();
        switch (t.kind()) {
            case GENERIC:
                nextC();
                return new StringConstant((String) t.value(), true, ext(t.start(), t.end()));
            case NUMBER:
                nextC();
                return new Constant(t.value(), ext(t.start(), t.end()));
            case STRING_EXPANDABLE:
                if (((Token.Expandable) t.value()).generic()) {
                    nextC();
                    return expandable(t);
                }
                return parsePostfix(parsePrimary(), true);
            case VARIABLE, STRING_LITERAL, LPAREN, DOLLAR_PAREN, AT_PAREN, AT_CURLY, LCURLY:
                return parsePostfix(parsePrimary(), true);
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ expressions

    /** A full expression in expression mode, or {@code null} when none starts here. */
    private Expr parseExpression() {
        return parseBinary(0, false);
    }

    private Expr parseExpressionNoComma() {
        return parseBinary(0, true);
    }

    private static final List<Set<String>> LEVELS = List.of(
            Set.of("and", "or", "xor"),
            Set.of("band", "bor", "bxor"),
            Set.of("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                    "notcontains", "in", "notin", "replace", "ieq", "ine", "igt", "ige", "ilt", "ile", "ilike",
                    "inotlike", "imatch", "inotmatch", "icontains", "inotcontains", "iin", "inotin", "ireplace",
                    "ceq", "cne", "cgt", "cge", "clt", "cle", "clike", "cnotlike", "cmatch", "cnotmatch", "ccontains",
                    "cnotcontains", "cin", "cnotin", "creplace", "is", "isnot", "as", "split", "isplit", "csplit",
                    "join", "shl", "shr"),
            Set.of("+", "-"),
            Set.of("*", "/", "%"),
            Set.of("f"),
            Set.of(".."));

    private static String binaryOp(Token t) {
        return switch (t.kind()) {
            case OPERATOR -> (String) t.value();
            case PLUS -> "+";
            case MINUS -> "-";
            case STAR -> "*";
            case SLASH -> "/";
            case PERCENT -> "%";
            case DOTDOT -> "..";
            default -> null;
        };
    }

    private Expr parseBinary(int level, boolean noComma) {
        if (level == LEVELS.size()) {
            return noComma ? parseUnary() : parseArrayLiteral();
        }
        Expr left = parseBinary(level + 1, noComma);
        if (left == null) {
            return null;
        }
        while (true) {
            Token t = peekE();
            String op = binaryOp(t);
            if (op == null || !LEVELS.get(level).contains(op)) {
                return left;
            }
            nextE();
            lx.skipNewlines();
            Expr right = parseBinary(level + 1, noComma);
            if (right == null) {
                String shown = t.kind() == TokenKind.OPERATOR ? src.text().substring(t.start(), t.end()) : op;
                throw fail(ext(t.end(), t.end()), "ExpectedValueExpression",
                        "You must provide a value expression following the '" + shown + "' operator.");
            }
            left = new Binary(op, left, right, ext(left.extent().start(), right.extent().end()));
        }
    }

    private Expr parseArrayLiteral() {
        Expr first = parseUnary();
        if (first == null) {
            return null;
        }
        if (peekE().kind() != TokenKind.COMMA) {
            return first;
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (peekE().kind() == TokenKind.COMMA) {
            Token comma = nextE();
            lx.skipNewlines();
            Expr e = parseUnary();
            if (e == null) {
                throw fail(ext(comma.end(), comma.end()), "MissingExpressionAfterToken", "Missing expression after ','.");
            }
            items.add(e);
        }
        return new ArrayLiteral(List.copyOf(items), ext(first.extent().start(), items.get(items.size() - 1).extent().end()));
    }

    private Expr parseUnary() {
        Token t = peekE();
        switch (t.kind()) {
            case COMMA: {
                nextE();
                lx.skipNewlines();
                Expr e = parseUnary();
                if (e == null) {
                    throw fail(ext(t.end(), t.end()), "MissingExpressionAfterOperator",
                            "Missing expression after unary operator ','.");
                }
                return new ArrayLiteral(List.of(e), ext(t.start(), e.extent().end()));
            }
            case EXCLAIM:
                return unary(t, "not", "!");
            case OPERATOR: {
                String op = (String) t.value();
                if (op.equals("not") || op.equals("bnot") || op.equals("split") || op.equals("join")
                        || op.equals("isplit") || op.equals("csplit")) {
                    return unary(t, op, src.text().substring(t.start(), t.end()));
                }
                return null;
            }
            case MINUS:
            case PLUS: {
                nextE();
                lx.skipNewlines();
                Expr e = parseUnary();
                if (e == null) {
                    String shown = t.kind() == TokenKind.MINUS ? "-" : "+";
                    throw fail(ext(t.end(), t.end()), "MissingExpressionAfterOperator",
                            "Missing expression after unary operator '" + shown + "'.");
                }
                if (t.kind() == TokenKind.MINUS && e instanceof Constant c && c.value() instanceof Number n) {
                    return new Constant(negate(n), ext(t.start(), e.extent().end()));
                }
                return new Unary(t.kind() == TokenKind.MINUS ? "-" : "+", e, ext(t.start(), e.extent().end()));
            }
            case PLUSPLUS:
            case MINUSMINUS: {
                nextE();
                Expr e = parseUnary();
                if (e == null) {
                    throw fail(ext(t.end(), t.end()), "MissingExpressionAfterOperator",
                            "Missing expression after unary operator '" + (t.kind() == TokenKind.PLUSPLUS ? "++" : "--") + "'.");
                }
                return new IncDec(e, t.kind() == TokenKind.PLUSPLUS, true, ext(t.start(), e.extent().end()));
            }
            case LBRACKET: {
                nextE();
                TypeName type = parseTypeNameAfterBracket(t.start());
                if (startsUnaryOperand()) {
                    Expr operand = parseUnary();
                    if (operand != null) {
                        return new Convert(type, operand, ext(t.start(), operand.extent().end()));
                    }
                }
                return parsePostfix(new TypeLiteral(type, type.extent()), false);
            }
            default:
                Expr p = parsePrimary();
                return p == null ? null : parsePostfix(p, false);
        }
    }

    private Expr unary(Token t, String op, String shown) {
        nextE();
        lx.skipNewlines();
        Expr e = parseUnary();
        if (e == null) {
            throw fail(ext(t.end(), t.end()), "MissingExpressionAfterOperator",
                    "Missing expression after unary operator '" + shown + "'.");
        }
        return new Unary(op, e, ext(t.start(), e.extent().end()));
    }

    private static Object negate(Number n) {
        if (n instanceof Integer i) {
            return i == Integer.MIN_VALUE ? (Object) (-(long) i) : (Object) (-i);
        }
        if (n instanceof Long l) {
            return -l;
        }
        return -n.doubleValue();
    }

    /** After a type literal: does a cast operand follow ({@code [int]$x}, {@code [string](...)}, {@code [int]'5'})? */
    private boolean startsUnaryOperand() {
        Token n = peekE();
        return switch (n.kind()) {
            case VARIABLE, NUMBER, STRING_LITERAL, STRING_EXPANDABLE, LPAREN, DOLLAR_PAREN, AT_PAREN, AT_CURLY, LCURLY,
                 LBRACKET, EXCLAIM, PLUSPLUS, MINUSMINUS -> true;
            case MINUS -> {
                int p = lx.peekStart() + 1;
                yield Character.isDigit(lx.charAt(p)) || lx.charAt(p) == '$';
            }
            case OPERATOR -> Set.of("not", "bnot", "split", "join").contains((String) n.value());
            default -> false;
        };
    }

    /** Member access, method calls, indexing and postfix ++/--; only when written right after the operand. */
    private Expr parsePostfix(Expr e, boolean commandMode) {
        if (e == null) {
            return null;
        }
        while (true) {
            int p = lx.pos;
            if (p >= lx.limit()) {
                return e;
            }
            char c = lx.charAt(p);
            char n = lx.charAt(p + 1);
            if ((c == '.' && n != '.') || (c == ':' && n == ':')) {
                boolean isStatic = c == ':';
                lx.pos += isStatic ? 2 : 1;
                Expr member = parseMemberName();
                if (member == null) {
                    throw fail(ext(lx.pos, lx.pos), "MissingPropertyName", "Missing property name after reference operator.");
                }
                if (lx.charAt(lx.pos) == '(' && lx.pos < lx.limit()) {
                    lx.pos++;
                    List<Expr> args = parseMethodArguments();
                    e = new InvokeMember(e, member, args, isStatic, ext(e.extent().start(), lx.pos));
                } else {
                    e = new Member(e, member, isStatic, ext(e.extent().start(), member.extent().end()));
                }
                continue;
            }
            if (c == '[') {
                lx.pos++;
                lx.skipNewlines();
                Expr index = parseExpression();
                if (index == null) {
                    throw fail(ext(lx.pos, lx.pos), "MissingArrayIndexExpression", "Array index expression is missing or not valid.");
                }
                lx.skipNewlines();
                Token close = nextE();
                if (close.kind() != TokenKind.RBRACKET) {
                    throw fail(ext(index.extent().end(), index.extent().end()), "MissingEndSquareBracket",
                            "Missing ']' after array index expression.");
                }
                e = new Index(e, index, ext(e.extent().start(), close.end()));
                continue;
            }
            if (!commandMode && ((c == '+' && n == '+') || (Chars.isDash(c) && Chars.isDash(n)))
                    && (e instanceof Variable || e instanceof Member || e instanceof Index)) {
                lx.pos += 2;
                e = new IncDec(e, c == '+', false, ext(e.extent().start(), lx.pos));
                continue;
            }
            return e;
        }
    }

    private Expr parseMemberName() {
        int p = lx.pos;
        char c = lx.charAt(p);
        if (Chars.isIdentifierChar(c)) {
            int q = p;
            while (q < lx.limit() && Chars.isIdentifierChar(lx.charAt(q))) {
                q++;
            }
            lx.pos = q;
            return new StringConstant(src.text().substring(p, q), true, ext(p, q));
        }
        if (Chars.isQuote(c) || c == '$' || c == '(') {
            Token t = peekE();
            if (t.kind() == TokenKind.STRING_LITERAL || t.kind() == TokenKind.STRING_EXPANDABLE
                    || t.kind() == TokenKind.VARIABLE || t.kind() == TokenKind.LPAREN || t.kind() == TokenKind.DOLLAR_PAREN) {
                return parsePrimary();
            }
        }
        return null;
    }

    private List<Expr> parseMethodArguments() {
        List<Expr> args = new ArrayList<>();
        lx.skipNewlines();
        if (lx.charAt(lx.pos) == ')') {
            lx.pos++;
            return args;
        }
        while (true) {
            lx.skipNewlines();
            Expr a = parseExpressionNoComma();
            if (a == null) {
                Token t = peekE();
                throw fail(ext(t.start(), t.start()), "MissingExpressionAfterToken",
                        args.isEmpty() ? "Missing ')' in method call." : "Missing expression after ','.");
            }
            args.add(a);
            lx.skipNewlines();
            Token sep = nextE();
            if (sep.kind() == TokenKind.COMMA) {
                continue;
            }
            if (sep.kind() == TokenKind.RPAREN) {
                return args;
            }
            throw fail(ext(a.extent().end(), a.extent().end()), "MissingEndParenthesisInMethodCall",
                    "Missing ')' in method call.");
        }
    }

    /** A primary expression in expression mode, or {@code null} when none starts here. */
    private Expr parsePrimary() {
        Token t = peekE();
        switch (t.kind()) {
            case VARIABLE:
                nextE();
                return new Variable((VariablePath) t.value(), false, ext(t.start(), t.end()));
            case NUMBER:
                nextE();
                return new Constant(t.value(), ext(t.start(), t.end()));
            case STRING_LITERAL:
                nextE();
                return new StringConstant((String) t.value(), false, ext(t.start(), t.end()));
            case STRING_EXPANDABLE:
                nextE();
                return expandable(t);
            case LPAREN: {
                nextE();
                lx.skipNewlines();
                if (peekC().kind() == TokenKind.RPAREN) {
                    throw fail(ext(t.start(), t.end()), "ExpectedExpression", "An expression was expected after '('.");
                }
                if (isTerminator(peekC().kind())) {
                    throw fail(ext(t.end(), t.end()), "MissingEndParenthesisInExpression", "Missing closing ')' in expression.");
                }
                Statement inner = parsePipelineStatement();
                lx.skipNewlines();
                Token close = nextE();
                if (close.kind() != TokenKind.RPAREN) {
                    throw fail(ext(inner.extent().end(), inner.extent().end()), "MissingEndParenthesisInExpression",
                            "Missing closing ')' in expression.");
                }
                return new Paren(inner, ext(t.start(), close.end()));
            }
            case DOLLAR_PAREN:
            case AT_PAREN: {
                nextE();
                Block b = parseStatementList(TokenKind.RPAREN);
                Token close = nextC();
                if (close.kind() != TokenKind.RPAREN) {
                    int at = b.statements().isEmpty() ? t.end() : b.extent().end();
                    throw fail(ext(at, at), "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.");
                }
                Extent e = ext(t.start(), close.end());
                Block block = new Block(b.statements(), e);
                return t.kind() == TokenKind.DOLLAR_PAREN ? new SubExpr(block, e) : new ArrayExpr(block, e);
            }
            case AT_CURLY:
                nextE();
                return parseHashtable(t);
            case LCURLY: {
                nextE();
                ScriptBlockBody body = parseBody(t.start(), TokenKind.RCURLY);
                Token close = nextC();
                if (close.kind() != TokenKind.RCURLY) {
                    throw missingCurly(t);
                }
                Extent e = ext(t.start(), close.end());
                return new ScriptBlockExpr(new ScriptBlockBody(body.param(), body.begin(), body.process(), body.end(),
                        body.namedBlocks(), e), e);
            }
            case LBRACKET: {
                nextE();
                TypeName type = parseTypeNameAfterBracket(t.start());
                return new TypeLiteral(type, type.extent());
            }
            default:
                return null;
        }
    }

    private Expr parseHashtable(Token open) {
        List<HashEntry> entries = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        while (true) {
            skipSeparators();
            Token t = peekC();
            if (t.kind() == TokenKind.RCURLY) {
                nextC();
                return new Hashtable(List.copyOf(entries), ext(open.start(), t.end()));
            }
            if (t.kind() == TokenKind.EOF) {
                throw missingCurly(open);
            }
            Expr key = parseHashKey();
            if (key == null) {
                throw fail(ext(t.start(), t.start()), "MissingKeyInHashLiteral", "Missing key before '=' in hash literal.");
            }
            if (key instanceof StringConstant sc && !seen.add(sc.value().toLowerCase(Locale.ROOT))) {
                throw fail(key.extent(), "DuplicateKeyInHashLiteral", "Duplicate keys '" + sc.value()
                        + "' are not allowed in hash literals.");
            }
            lx.skipTrivia();
            Token eq = nextE();
            if (eq.kind() != TokenKind.EQUALS) {
                throw fail(ext(key.extent().end(), key.extent().end()), "MissingEqualsInHashLiteral",
                        "Missing '=' operator after key in hash literal.");
            }
            lx.skipNewlines();
            if (isTerminator(peekC().kind())) {
                throw fail(ext(eq.end(), eq.end()), "MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.");
            }
            Statement value = parseStatement();
            entries.add(new HashEntry(key, value));
            Token after = peekC();
            if (after.kind() != TokenKind.NEWLINE && after.kind() != TokenKind.SEMI && after.kind() != TokenKind.RCURLY) {
                if (after.kind() == TokenKind.EOF) {
                    throw missingCurly(open);
                }
                throw unexpected(after);
            }
        }
    }

    private Expr parseHashKey() {
        lx.skipTrivia();
        int p = lx.pos;
        char c = lx.charAt(p);
        if (Chars.isIdentifierStart(c)) {
            int q = p;
            while (q < lx.limit() && (Chars.isIdentifierChar(lx.charAt(q)) || lx.charAt(q) == '-' || lx.charAt(q) == '.')) {
                q++;
            }
            lx.pos = q;
            return new StringConstant(src.text().substring(p, q), true, ext(p, q));
        }
        return parseUnary();
    }

    private Expr expandable(Token t) {
        Token.Expandable x = (Token.Expandable) t.value();
        List<Expr> parts = new ArrayList<>();
        for (Token.StringPart part : x.parts()) {
            switch (part) {
                case Token.Literal l -> parts.add(new StringConstant(l.text(), false, ext(t.start(), t.end())));
                case Token.Var v -> parts.add(new Variable(v.path(), false, ext(v.start(), v.end())));
                case Token.SubExpression s -> {
                    Parser sub = new Parser(src, s.innerStart(), s.innerEnd());
                    Block b = sub.parseStatementList(TokenKind.EOF);
                    Extent e = ext(s.start(), s.end());
                    parts.add(new SubExpr(new Block(b.statements(), e), e));
                }
            }
        }
        return new ExpandableString(List.copyOf(parts), x.generic(), ext(t.start(), t.end()));
    }
}
