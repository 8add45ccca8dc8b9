package io.hvmigrate.sim.ps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An object in the pipeline: a .NET object produced by a cmdlet (its type names first, e.g.
 * {@code Microsoft.HyperV.PowerShell.VirtualMachine}) or a {@code [pscustomobject]}. Properties keep their declared
 * order and are looked up case-insensitively, as PowerShell's member access is.
 *
 * <p>Property values are plain values (see {@link PsType} for the Java representation); a property whose value must be
 * read when it is accessed can use {@link #putLive}. {@code toStringValue} is what the object turns into when it is
 * converted to a string (e.g. a VMHost's name; {@code @{Name=..}} style for custom objects is the interpreter's job when
 * this is {@code null}).
 */
public final class PsObject {
    private final List<String> typeNames;
    private final Map<String, String> nameByFold = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Map<String, Settable> setters = new LinkedHashMap<>();
    private String toStringValue;

    public PsObject(List<String> typeNames) {
        this.typeNames = List.copyOf(typeNames);
    }

    public static PsObject custom() {
        return new PsObject(List.of("System.Management.Automation.PSCustomObject", "System.Object"));
    }

    public static PsObject of(String typeName) {
        return new PsObject(List.of(typeName, "System.Object"));
    }

    /** {@code $obj.PSObject.TypeNames}, most derived first. */
    public List<String> typeNames() {
        return typeNames;
    }

    public PsObject put(String name, Object value) {
        String fold = name.toLowerCase(Locale.ROOT);
        String existing = nameByFold.get(fold);
        if (existing != null) {
            values.put(existing, value);
        } else {
            nameByFold.put(fold, name);
            values.put(name, value);
        }
        return this;
    }

    /** A property computed when read. */
    public PsObject putLive(String name, java.util.function.Supplier<Object> getter) {
        return put(name, new Live(getter));
    }

    /**
     * A property backed by the system it describes, as the properties of many Windows objects are: reading asks the
     * getter, and an assignment ({@code $o.Priority = 3000}) converts the value to {@code type}, as PowerShell converts
     * to the .NET property's type, and hands it to the setter, which changes the system (the cluster, the host).
     */
    public PsObject putSettable(String name, PsType type, java.util.function.Supplier<Object> getter, Setter setter) {
        put(name, new Live(getter));
        setters.put(name.toLowerCase(Locale.ROOT), new Settable(type, setter));
        return this;
    }

    /** How an assignment to the property reaches the system, when it does ({@link #putSettable}). */
    public Optional<Settable> settable(String name) {
        return Optional.ofNullable(setters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A write-through property's type and setter. */
    public record Settable(PsType type, Setter setter) {}

    /** Changes what a write-through property describes; a refusal is the error the assignment raises. */
    @FunctionalInterface
    public interface Setter {
        void set(Object value) throws PsException;
    }

    public boolean has(String name) {
        return nameByFold.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The property's value, or empty when the object has no such property (PowerShell then yields $null). */
    public Optional<Object> get(String name) {
        String real = nameByFold.get(name.toLowerCase(Locale.ROOT));
        if (real == null) {
            return Optional.empty();
        }
        Object v = values.get(real);
        return Optional.ofNullable(v instanceof Live l ? l.getter().get() : v);
    }

    /** Property names in declared order, with their declared spelling. */
    public List<String> propertyNames() {
        return Collections.unmodifiableList(new ArrayList<>(values.keySet()));
    }

    public PsObject toStringValue(String s) {
        this.toStringValue = s;
        return this;
    }

    public String toStringValue() {
        return toStringValue;
    }

    /** A method scripts can call on the object ({@code $obj.Name(args)}); names are case-insensitive. */
    public PsObject putMethod(String name, Method method) {
        methods.put(name.toLowerCase(Locale.ROOT), method);
        return this;
    }

    public Optional<Method> method(String name) {
        return Optional.ofNullable(methods.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A method of an object: takes the evaluated arguments, returns the result (null for void). */
    @FunctionalInterface
    public interface Method {
        Object invoke(List<Object> arguments) throws PsException;
    }

    private record Live(java.util.function.Supplier<Object> getter) {}
}
