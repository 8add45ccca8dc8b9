package io.hvmigrate.sim.ps.lang;

import java.util.Locale;

/**
 * A variable name as written: {@code $x}, {@code $script:x}, {@code $env:COMPUTERNAME}, {@code ${a b}}.
 *
 * @param scope the qualifier before the colon, lower case ({@code script}, {@code global}, {@code env}, ...), or
 *              {@code null}
 * @param name  the name as written, without the qualifier
 */
public record VariablePath(String scope, String name) {

    public static VariablePath parse(String full) {
        int colon = full.indexOf(':');
        if (colon > 0 && colon < full.length() - 1) {
            return new VariablePath(full.substring(0, colon).toLowerCase(Locale.ROOT), full.substring(colon + 1));
        }
        return new VariablePath(null, full);
    }

    public String userPath() {
        return scope == null ? name : scope + ":" + name;
    }
}
