package io.hvmigrate.sim.ps.lang;

import java.util.List;
import java.util.Map;

/**
 * The syntax tree of the PowerShell subset hvsim runs. Every node knows its extent, so runtime errors can point at the
 * text as PowerShell does ("At line:2 char:5").
 */
public final class Ast {
    private Ast() {}

    public sealed interface Node permits Statement, Expr, PipelineElement, Block, ScriptBlockBody, ParamBlock,
            Parameter, Attribute, TypeName, ParameterArg, Redirection, Catch, IfClause, SwitchClause {
        Extent extent();
    }

    // ------------------------------------------------------------------------------------------------ statements

    public sealed interface Statement extends Node permits Pipeline, Assignment, If, ForEach, For, While, DoLoop,
            Switch, Try, Throw, Return, Exit, Break, Continue, FunctionDef {}

    /** Statements in braces or at the top of a script. */
    public record Block(List<Statement> statements, Extent extent) implements Node {}

    /** {@code a | b | c}; the first element may be an expression. */
    public record Pipeline(List<PipelineElement> elements, Extent extent) implements Statement {}

    /** {@code target op value}; op is one of {@code = += -= *= /= %=}. */
    public record Assignment(Expr target, String op, Statement value, Extent extent) implements Statement {}

    public record IfClause(Statement condition, Block body, Extent extent) implements Node {}

    public record If(List<IfClause> clauses, Block elseBlock, Extent extent) implements Statement {}

    public record ForEach(Variable variable, Statement collection, Block body, String label, Extent extent)
            implements Statement {}

    public record For(Statement init, Statement condition, Statement iterator, Block body, String label,
                      Extent extent) implements Statement {}

    public record While(Statement condition, Block body, String label, Extent extent) implements Statement {}

    public record DoLoop(Block body, Statement condition, boolean until, String label, Extent extent)
            implements Statement {}

    /** {@code switch [-regex|-wildcard|-exact] [-casesensitive] (value) { cond { ... } default { ... } }}. */
    public record Switch(Statement value, String mode, boolean caseSensitive, List<SwitchClause> clauses,
                         Block defaultBlock, String label, Extent extent) implements Statement {}

    public record SwitchClause(Expr condition, Block body, Extent extent) implements Node {}

    public record Catch(List<TypeName> types, Block body, Extent extent) implements Node {}

    public record Try(Block body, List<Catch> catches, Block finallyBlock, Extent extent) implements Statement {}

    public record Throw(Statement value, Extent extent) implements Statement {}

    public record Return(Statement value, Extent extent) implements Statement {}

    public record Exit(Statement value, Extent extent) implements Statement {}

    public record Break(String label, Extent extent) implements Statement {}

    public record Continue(String label, Extent extent) implements Statement {}

    public record FunctionDef(String name, boolean filter, ScriptBlockBody body, Extent extent) implements Statement {}

    // ------------------------------------------------------------------------------------------------ pipelines

    public sealed interface PipelineElement extends Node permits CommandExpression, Command {
        List<Redirection> redirections();
    }

    /** An expression as the first element of a pipeline. */
    public record CommandExpression(Expr expr, List<Redirection> redirections, Extent extent)
            implements PipelineElement {}

    public enum Invocation { NAME, CALL, DOT_SOURCE }

    /**
     * A command: its name element first (a bare word, or any expression after {@code &}), then parameters and
     * arguments in the order written.
     */
    public record Command(Invocation invocation, List<Node> elements, List<Redirection> redirections, Extent extent)
            implements PipelineElement {}

    /** {@code -Name}, {@code -Name:value}; the extent is the parameter token's. */
    public record ParameterArg(String name, Expr argument, boolean colon, Extent extent) implements Node {}

    /** {@code 2>&1}, {@code > $null}; from is 1-6 or 0 for '*'; mergeTo is 1 or 2, or 0 with a target. */
    public record Redirection(int from, boolean append, int mergeTo, Expr target, Extent extent) implements Node {}

    // ------------------------------------------------------------------------------------------------ expressions

    public sealed interface Expr extends Node permits Constant, StringConstant, ExpandableString, Variable, Binary,
            Unary, IncDec, Convert, TypeLiteral, Member, InvokeMember, Index, ArrayLiteral, ArrayExpr, SubExpr, Paren,
            Hashtable, ScriptBlockExpr {}

    public record Constant(Object value, Extent extent) implements Expr {}

    /** A quoted string or a bare word (an argument like {@code Live} in {@code -MigrationType Live}). */
    public record StringConstant(String value, boolean bareWord, Extent extent) implements Expr {}

    /** A double-quoted string: literal text and expressions to expand. */
    public record ExpandableString(List<Expr> parts, boolean bareWord, Extent extent) implements Expr {}

    public record Variable(VariablePath path, boolean splatted, Extent extent) implements Expr {}

    /** A binary operator; op is the lower-case operator ({@code eq}, {@code ceq}, {@code +}, {@code ..}, ...). */
    public record Binary(String op, Expr left, Expr right, Extent extent) implements Expr {}

    /** A unary operator: {@code not}, {@code -}, {@code +}, {@code bnot}, {@code split}, {@code join}, {@code ,}. */
    public record Unary(String op, Expr operand, Extent extent) implements Expr {}

    public record IncDec(Expr target, boolean increment, boolean prefix, Extent extent) implements Expr {}

    /** {@code [type]operand}. */
    public record Convert(TypeName type, Expr operand, Extent extent) implements Expr {}

    public record TypeLiteral(TypeName type, Extent extent) implements Expr {}

    /** {@code target.member} or {@code [type]::member}; member is usually a {@link StringConstant}. */
    public record Member(Expr target, Expr member, boolean isStatic, Extent extent) implements Expr {}

    public record InvokeMember(Expr target, Expr member, List<Expr> arguments, boolean isStatic, Extent extent)
            implements Expr {}

    public record Index(Expr target, Expr index, Extent extent) implements Expr {}

    /** {@code a, b, c}, and {@code ,a} (one element). */
    public record ArrayLiteral(List<Expr> elements, Extent extent) implements Expr {}

    /** {@code @( ... )}. */
    public record ArrayExpr(Block block, Extent extent) implements Expr {}

    /** {@code $( ... )}. */
    public record SubExpr(Block block, Extent extent) implements Expr {}

    /** {@code ( pipeline )}. */
    public record Paren(Statement statement, Extent extent) implements Expr {}

    public record HashEntry(Expr key, Statement value) {}

    public record Hashtable(List<HashEntry> entries, Extent extent) implements Expr {}

    public record ScriptBlockExpr(ScriptBlockBody body, Extent extent) implements Expr {}

    // ------------------------------------------------------------------------------------------------ script blocks

    /**
     * The inside of a script block or script: an optional param block and either named blocks (begin/process/end) or
     * plain statements (the end block).
     */
    public record ScriptBlockBody(ParamBlock param, Block begin, Block process, Block end, boolean namedBlocks,
                                  Extent extent) implements Node {}

    public record ParamBlock(List<Parameter> parameters, List<Attribute> attributes, Extent extent) implements Node {}

    public record Parameter(VariablePath name, TypeName type, Expr defaultValue, List<Attribute> attributes,
                            Extent extent) implements Node {}

    /** {@code [Parameter(Mandatory, Position=0)]}; a named argument without a value is {@code null} (means $true). */
    public record Attribute(TypeName name, List<Expr> positional, Map<String, Expr> named, Extent extent)
            implements Node {}

    /** A type name as written in a type literal: {@code string}, {@code string[]}, {@code List[string]}. */
    public record TypeName(String name, List<TypeName> generics, int rank, Extent extent) implements Node {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name);
            if (!generics.isEmpty()) {
                b.append('[');
                for (int i = 0; i < generics.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(generics.get(i));
                }
                b.append(']');
            }
            for (int i = 0; i < rank; i++) {
                b.append("[]");
            }
            return b.toString();
        }
    }
}
