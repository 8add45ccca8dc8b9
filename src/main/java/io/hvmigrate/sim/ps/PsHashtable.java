package io.hvmigrate.sim.ps;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A PowerShell hashtable ({@code @{...}}): keys compare case-insensitively when they are strings. {@code ordered}
 * marks {@code [ordered]@{...}}; a plain hashtable keeps insertion order here too (Windows does not promise an order,
 * and nothing may depend on it).
 */
public final class PsHashtable {
    private final Map<Object, Object> entries = new LinkedHashMap<>();
    private final Map<String, Object> keyByFold = new LinkedHashMap<>();
    private final boolean ordered;

    public PsHashtable(boolean ordered) {
        this.ordered = ordered;
    }

    public boolean ordered() {
        return ordered;
    }

    private static Object fold(Object key) {
        return key instanceof String s ? s.toLowerCase(Locale.ROOT) : key;
    }

    public void put(Object key, Object value) {
        Object f = fold(key);
        Object existing = f instanceof String s ? keyByFold.get(s) : (entries.containsKey(key) ? key : null);
        if (existing != null) {
            entries.put(existing, value);
        } else {
            entries.put(key, value);
            if (f instanceof String s) {
                keyByFold.put(s, key);
            }
        }
    }

    public boolean containsKey(Object key) {
        Object f = fold(key);
        return f instanceof String s ? keyByFold.containsKey(s) : entries.containsKey(key);
    }

    public Object get(Object key) {
        Object f = fold(key);
        if (f instanceof String s) {
            Object k = keyByFold.get(s);
            return k == null ? null : entries.get(k);
        }
        return entries.get(key);
    }

    public Object remove(Object key) {
        Object f = fold(key);
        if (f instanceof String s) {
            Object k = keyByFold.remove(s);
            return k == null ? null : entries.remove(k);
        }
        return entries.remove(key);
    }

    public Set<Map.Entry<Object, Object>> entrySet() {
        return java.util.Collections.unmodifiableSet(entries.entrySet());
    }

    public int size() {
        return entries.size();
    }
}
