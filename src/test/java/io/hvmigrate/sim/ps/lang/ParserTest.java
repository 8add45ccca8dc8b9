package io.hvmigrate.sim.ps.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvmigrate.sim.ps.PsRun;
import io.hvmigrate.sim.ps.lang.Ast.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static List<Statement> statements(String script) {
        return Parser.parse(script).end().statements();
    }

    private static Object value(String script) {
        return PsRun.run(script).single();
    }

    private static ParseException parseError(String script) {
        try {
            Parser.parse(script);
        } catch (ParseException e) {
            return e;
        }
        throw new AssertionError("parsed: " + script);
    }

    // ------------------------------------------------------------------------------------------------ quoting

    @Test
    void doubledSingleQuoteIsOneQuote() {
        assertThat(value("'a''b'")).isEqualTo("a'b");
    }

    @Test
    void smartSingleQuotesDelimitAStringLikeAsciiQuotes() {
        assertThat(value("\u2018web01\u2019")).isEqualTo("web01");
        assertThat(value("\u201Aweb\u201B")).isEqualTo("web");
    }

    @Test
    void aDoubledSmartQuoteIsOneLiteralQuote() {
        // ’’ inside a string is one ’, as in PowerShell; mixing kinds counts too
        assertThat(value("'it\u2019\u2019s'")).isEqualTo("it\u2019s");
        assertThat(value("'a\u2019'b'")).isEqualTo("a'b");
    }

    @Test
    void aSmartQuoteEndsAnAsciiQuotedString() {
        // what an injection through a single-quoted literal would try: it must end the string, so renderers double it
        List<Statement> s = statements("'a\u2019; Remove-VM x; \u2018'");
        assertThat(s).hasSize(3);
    }

    @Test
    void smartDoubleQuotesDelimitExpandableStrings() {
        assertThat(PsRun.run("$x = 5; \u201Cvalue $x\u201D").single()).isEqualTo("value 5");
        assertThat(PsRun.run("\u201Ea\u201D\u201Db\u201C").single()).isEqualTo("a\u201Db");
    }

    @Test
    void subexpressionInsideSingleQuotesStaysLiteral() {
        assertThat(value("'$(Remove-VM x) $env:COMPUTERNAME'")).isEqualTo("$(Remove-VM x) $env:COMPUTERNAME");
    }

    @Test
    void semicolonAndPipeInsideQuotesAreText() {
        assertThat(statements("'a; b | c'")).hasSize(1);
        assertThat(value("\"a; b | c\"")).isEqualTo("a; b | c");
    }

    @Test
    void newlinesInsideSingleQuotesArePartOfTheString() {
        assertThat(value("'line1\nline2\r\nline3'")).isEqualTo("line1\nline2\r\nline3");
    }

    @Test
    void backtickEscapesInDoubleQuotes() {
        assertThat(value("\"a`tb`n`$x `\"q`\" ``\"")).isEqualTo("a\tb\n$x \"q\" `");
    }

    @Test
    void backtickIsLiteralInSingleQuotes() {
        assertThat(value("'a`nb'")).isEqualTo("a`nb");
    }

    @Test
    void fivePointOneHasNoEscapeOrUnicodeEscape() {
        // `e and `u{} came with PowerShell 6
        assertThat(value("\"`e`u{41}\"")).isEqualTo("eu{41}");
    }

    @Test
    void veryLongStringsParse() {
        String big = "x".repeat(200_000);
        assertThat(value("'" + big + "'")).isEqualTo(big);
    }

    @Test
    void unicodeTextSurvives() {
        assertThat(value("'Ünïcødé ☃ 日本'")).isEqualTo("Ünïcødé ☃ 日本");
    }

    @Test
    void hereStrings() {
        assertThat(value("@'\nit's $x\n'@")).isEqualTo("it's $x");
        assertThat(PsRun.run("$x = 'v'; @\"\nsay \"$x\"\n\"@").single()).isEqualTo("say \"v\"");
    }

    @Test
    void hashInsideAWordIsNotAComment() {
        assertThat(PsRun.run("Write-Output a#b # comment").single()).isEqualTo("a#b");
    }

    @Test
    void blockComments() {
        assertThat(value("<# a\n comment #> 'x' <# more #>")).isEqualTo("x");
    }

    // ------------------------------------------------------------------------------------------------ expandable strings

    @Test
    void memberAccessAfterAVariableIsNotExpandedInAString() {
        // about_Quoting_Rules: only $h is expanded; ".DNSHostName" stays text
        PsRun r = PsRun.run("$h = [pscustomobject]@{DNSHostName='hv2.lab.test'}; "
                + "\"Microsoft Virtual System Migration Service/$h.DNSHostName\"");
        assertThat(r.single()).isEqualTo("Microsoft Virtual System Migration Service/@{DNSHostName=hv2.lab.test}.DNSHostName");
    }

    @Test
    void subexpressionExpandsMemberAccess() {
        PsRun r = PsRun.run("$h = [pscustomobject]@{DNSHostName='hv2.lab.test'}; \"cifs/$($h.DNSHostName)\"");
        assertThat(r.single()).isEqualTo("cifs/hv2.lab.test");
    }

    @Test
    void bracedVariableNames() {
        assertThat(PsRun.run("${a b} = 3; \"${a b}:x\"").single()).isEqualTo("3:x");
    }

    @Test
    void indexAfterAVariableIsNotExpandedInAString() {
        assertThat(PsRun.run("$a = 1,2; \"$a[0]\"").single()).isEqualTo("1 2[0]");
    }

    @Test
    void dollarNotFollowedByANameIsLiteral() {
        assertThat(value("\"cost: $ 5 and $\"")).isEqualTo("cost: $ 5 and $");
    }

    @Test
    void subexpressionWithNestedQuotesAndParens() {
        assertThat(value("\"[$( 'a)b' + \"(c\" )]\"")).isEqualTo("[a)b(c]");
    }

    // ------------------------------------------------------------------------------------------------ numbers

    @Test
    void numberForms() {
        assertThat(value("0x3e7")).isEqualTo(999);
        assertThat(value("1GB")).isEqualTo(1073741824);
        assertThat(value("2gb")).isEqualTo(2147483648L);
        assertThat(value("1.5kb")).isEqualTo(1536.0);
        assertThat(value("0xFFFFFFFF")).isEqualTo(-1);
        assertThat(value("5l")).isEqualTo(5L);
        assertThat(value("1e3")).isEqualTo(1000.0);
        assertThat(value("3000000000")).isEqualTo(3000000000L);
    }

    // ------------------------------------------------------------------------------------------------ structure

    @Test
    void commandWithNamedPositionalSwitchAndColonArguments() {
        Pipeline p = (Pipeline) statements("Move-VM web01 -DestinationHost:'hv2' -IncludeStorage -Flag:$false 1,2").get(0);
        Command c = (Command) p.elements().get(0);
        assertThat(c.elements()).hasSize(6);
        assertThat(((StringConstant) c.elements().get(1)).value()).isEqualTo("web01");
        ParameterArg dest = (ParameterArg) c.elements().get(2);
        assertThat(dest.colon()).isTrue();
        assertThat(((StringConstant) dest.argument()).value()).isEqualTo("hv2");
        assertThat(((ParameterArg) c.elements().get(3)).argument()).isNull();
        assertThat(c.elements().get(5)).isInstanceOf(ArrayLiteral.class);
    }

    @Test
    void bareWordArgumentsAreStrings() {
        assertThat(PsRun.run("Write-Output Live").single()).isEqualTo("Live");
    }

    @Test
    void statementsSeparatedByNewlinesAndSemicolons() {
        assertThat(statements("1; 2\n3\r\n\n;4")).hasSize(4);
    }

    @Test
    void lineContinuationWithBacktick() {
        assertThat(PsRun.run("Write-Output `\n  a").single()).isEqualTo("a");
    }

    @Test
    void operatorsContinueOnTheNextLine() {
        assertThat(value("1 +\n 2")).isEqualTo(3);
        assertThat(value("$true -and\n $false")).isEqualTo(false);
    }

    @Test
    void pipelineContinuesAfterPipeOnTheNextLine() {
        assertThat(PsRun.run("1,2,3 |\n Measure-Object").single()).isNotNull();
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void missingClosingParenthesis() {
        ParseException e = parseError("(1 + 2");
        assertThat(e.errorId()).isEqualTo("MissingEndParenthesisInExpression");
        assertThat(e.getMessage()).isEqualTo("At line:1 char:7\n+ (1 + 2\n+       ~\nMissing closing ')' in expression.");
    }

    @Test
    void unterminatedSingleQuotedString() {
        ParseException e = parseError("Get-VM -Name 'web01");
        assertThat(e.errorId()).isEqualTo("TerminatorExpectedAtEndOfString");
        assertThat(e.errors().get(0).message()).isEqualTo("The string is missing the terminator: '.");
        assertThat(e.errors().get(0).extent().startColumn()).isEqualTo(14);
    }

    @Test
    void unterminatedDoubleQuotedString() {
        assertThat(parseError("\"abc $x").errors().get(0).message()).isEqualTo("The string is missing the terminator: \".");
    }

    @Test
    void unterminatedSmartQuotedString() {
        assertThat(parseError("\u2018abc").errorId()).isEqualTo("TerminatorExpectedAtEndOfString");
    }

    @Test
    void unexpectedToken() {
        ParseException e = parseError("$x = 1 2");
        assertThat(e.errorId()).isEqualTo("UnexpectedToken");
        assertThat(e.errors().get(0).message()).isEqualTo("Unexpected token '2' in expression or statement.");
    }

    @Test
    void missingClosingBrace() {
        ParseException e = parseError("if ($x) {\n 'a'\n");
        assertThat(e.errorId()).isEqualTo("MissingEndCurlyBrace");
        assertThat(e.errors().get(0).message()).isEqualTo("Missing closing '}' in statement block or type definition.");
        assertThat(e.errors().get(0).extent().startColumn()).isEqualTo(9);
    }

    @Test
    void strayClosingBrace() {
        assertThat(parseError("'a' }").errors().get(0).message())
                .isEqualTo("Unexpected token '}' in expression or statement.");
    }

    @Test
    void ifWithoutParenthesis() {
        assertThat(parseError("if $x { }").errors().get(0).message()).isEqualTo("Missing '(' after 'if' in if statement.");
    }

    @Test
    void tryWithoutCatch() {
        assertThat(parseError("try { 1 }").errors().get(0).message())
                .isEqualTo("The Try statement is missing its Catch or Finally block.");
    }

    @Test
    void emptyPipeElement() {
        assertThat(parseError("Get-VM | | Out-Null").errorId()).isEqualTo("EmptyPipeElement");
    }

    @Test
    void expressionAfterAPipe() {
        assertThat(parseError("Get-VM | 'x'").errors().get(0).message())
                .isEqualTo("Expressions are only allowed as the first element of a pipeline.");
    }

    @Test
    void missingOperand() {
        assertThat(parseError("1 + ").errors().get(0).message())
                .isEqualTo("You must provide a value expression following the '+' operator.");
        assertThat(parseError("$a -eq").errors().get(0).message())
                .isEqualTo("You must provide a value expression following the '-eq' operator.");
    }

    @Test
    void doubleAmpersandIsNotAStatementSeparatorIn51() {
        assertThat(parseError("a && b").errors().get(0).message())
                .isEqualTo("The token '&&' is not a valid statement separator in this version.");
    }

    @Test
    void invalidAssignmentTarget() {
        assertThat(parseError("1 = 2").errorId()).isEqualTo("InvalidLeftHandSide");
    }

    @Test
    void missingHashtableEquals() {
        assertThat(parseError("@{a 1}").errors().get(0).message()).isEqualTo("Missing '=' operator after key in hash literal.");
    }

    @Test
    void duplicateHashtableKey() {
        assertThat(parseError("@{a=1; A=2}").errors().get(0).message())
                .isEqualTo("Duplicate keys 'A' are not allowed in hash literals.");
    }

    @Test
    void unterminatedSubexpressionInAString() {
        assertThat(parseError("\"a $(1 + \"").errorId()).isEqualTo("TerminatorExpectedAtEndOfString");
    }

    @Test
    void unsupportedStatementsFailAsParseErrors() {
        assertThat(parseError("class Foo { }").errorId()).isEqualTo("NotSupportedBySimulator");
    }

    @Test
    void positionMessageCutsLongLinesAsFivePointOne() {
        String line = "$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'; $x = (1 + 2 ; 'cccccccccccccccccccc'";
        ParseException e = parseError(line);
        String[] parts = e.getMessage().split("\n");
        assertThat(parts[1]).startsWith("+ ... ");
        assertThat(parts[1]).endsWith(" ...");
        // the squiggle stays under the place after "2" where ')' was expected
        assertThat(parts[2].indexOf('~')).isEqualTo(parts[1].indexOf("2 ;") + 1);
        assertThat(parts[1].length()).isEqualTo("+ ... ".length() + 69 + " ...".length());
    }

    @Test
    void nothingRunsWhenTheScriptDoesNotParse() {
        PsRun r = PsRun.run("Write-Host 'ran'\n(1 + ");
        assertThat(r.host).isEmpty();
        assertThat(r.result.parseError()).isTrue();
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("ExpectedValueExpression");
    }

    @Test
    void parseErrorsAreReportedOnTheirLine() {
        ParseException e = parseError("'ok'\n\n$x = (1 +");
        assertThat(e.errors().get(0).extent().startLine()).isEqualTo(3);
        assertThatThrownBy(() -> Parser.parse("}")).isInstanceOf(ParseException.class);
    }
}
