package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.lang.Ast;

/** A script function ({@code function Name { ... }}) or an anonymous script block being invoked as a command. */
record FunctionInfo(String name, Ast.ScriptBlockBody body, boolean filter) {}
