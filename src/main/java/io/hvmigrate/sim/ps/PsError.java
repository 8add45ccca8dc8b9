package io.hvmigrate.sim.ps;

import io.hvmigrate.sim.ps.lang.Extent;

/**
 * An error as a running script sees it ({@code $_} in a catch block, an entry of {@code $Error}): the
 * {@link ErrorRecord} plus where it happened, which is what PowerShell prints with it ("Get-VM : ...", "At line:3
 * char:5").
 *
 * @param record     the error
 * @param invocation the command or statement it came from, or {@code null}
 * @param activity   the {@code CategoryInfo.Activity} (the cmdlet name for cmdlet errors, empty otherwise)
 */
public record PsError(ErrorRecord record, Invocation invocation, String activity) {

    public PsError {
        activity = activity == null ? "" : activity;
    }

    /** {@code CategoryInfo.Reason}: the exception type's short name. */
    public String reason() {
        String t = record.exceptionType();
        int dot = t.lastIndexOf('.');
        return dot >= 0 ? t.substring(dot + 1) : t;
    }

    public String message() {
        return record.message();
    }

    /**
     * What {@code $_.InvocationInfo} knows and the error view prints.
     *
     * @param kind           what raised the error
     * @param name           the command's name ({@code MyCommand.Name}), or null for statements
     * @param invocationName the name as typed ({@code gci} for Get-ChildItem), or null
     * @param extent         where in the script, or null
     * @param scriptText     for {@link Kind#SCRIPT}: the script's text, which 5.1 prints before " : message"
     */
    public record Invocation(Kind kind, String name, String invocationName, Extent extent, String scriptText) {

        public enum Kind { CMDLET, FUNCTION, NATIVE, SCRIPT, STATEMENT }

        public static Invocation statement(Extent extent) {
            return new Invocation(Kind.STATEMENT, null, null, extent, null);
        }
    }
}
