package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.lang.Ast;

/** A script block value ({@code { ... }}): its code, and its text for {@code ToString()}. */
public final class ScriptBlock {
    private final Ast.ScriptBlockBody body;
    private final String text;

    public ScriptBlock(Ast.ScriptBlockBody body, String text) {
        this.body = body;
        this.text = text;
    }

    public Ast.ScriptBlockBody body() {
        return body;
    }

    /** The text between the braces, as PowerShell's ToString gives it. */
    @Override
    public String toString() {
        return text;
    }
}
