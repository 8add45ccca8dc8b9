package io.hvmigrate.sim.ps.engine;

/**
 * What an empty pipeline produces: it reads as $null, but it enumerates to nothing ({@code @(Get-Nothing).Count} is 0
 * while {@code @($null).Count} is 1).
 */
public enum AutomationNull {
    VALUE;

    public static boolean isNull(Object v) {
        return v == null || v == VALUE;
    }

    public static Object unwrap(Object v) {
        return v == VALUE ? null : v;
    }
}
