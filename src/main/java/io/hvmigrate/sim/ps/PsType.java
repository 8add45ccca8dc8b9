package io.hvmigrate.sim.ps;

import java.util.List;

/**
 * The .NET types the simulated PowerShell knows, as far as parameter binding, casts ({@code [uint16]5}) and
 * {@code ConvertTo-Json} need them. The interpreter converts values to a parameter's type with PowerShell's rules
 * (LanguagePrimitives) and reports PowerShell's binding errors when it cannot.
 *
 * <p>Java representation of values: {@code String}; {@code Integer} (Int32), {@code Long} (Int64), {@code Double};
 * unsigned types as {@link PsNumber.Unsigned}; {@code Boolean}; {@code null}; {@code java.util.UUID} (Guid);
 * {@code java.time.Instant} (DateTime); {@code List<Object>} (object[]); {@link PsHashtable}; {@link PsObject};
 * {@link PsEnum.Value}; {@code ScriptBlock} values are the interpreter's own type.
 */
public sealed interface PsType {

    /** Full .NET type name, as {@code $x.GetType().FullName} shows it. */
    String fullName();

    record Simple(String fullName) implements PsType {}

    record ArrayOf(PsType element) implements PsType {
        @Override
        public String fullName() {
            return element.fullName() + "[]";
        }
    }

    /** An enum type; values are {@link PsEnum.Value} of this type. */
    record Enum(PsEnum spec) implements PsType {
        @Override
        public String fullName() {
            return spec.fullName();
        }
    }

    /** An object type produced by cmdlets (e.g. {@code Microsoft.HyperV.PowerShell.VirtualMachine}). */
    record ObjectOf(String fullName) implements PsType {}

    PsType STRING = new Simple("System.String");
    PsType INT32 = new Simple("System.Int32");
    PsType INT64 = new Simple("System.Int64");
    PsType UINT16 = new Simple("System.UInt16");
    PsType UINT32 = new Simple("System.UInt32");
    PsType UINT64 = new Simple("System.UInt64");
    PsType DOUBLE = new Simple("System.Double");
    PsType BOOLEAN = new Simple("System.Boolean");
    PsType SWITCH = new Simple("System.Management.Automation.SwitchParameter");
    PsType GUID = new Simple("System.Guid");
    PsType DATETIME = new Simple("System.DateTime");
    PsType TIMESPAN = new Simple("System.TimeSpan");
    PsType HASHTABLE = new Simple("System.Collections.Hashtable");
    PsType SCRIPTBLOCK = new Simple("System.Management.Automation.ScriptBlock");
    PsType OBJECT = new Simple("System.Object");
    PsType STRING_ARRAY = new ArrayOf(STRING);
    PsType OBJECT_ARRAY = new ArrayOf(OBJECT);

    static PsType arrayOf(PsType element) {
        return new ArrayOf(element);
    }

    static PsType enumOf(PsEnum spec) {
        return new Enum(spec);
    }

    static PsType objectOf(String fullName) {
        return new ObjectOf(fullName);
    }

    /** Convenience for tests and registries. */
    static List<PsType> numericTypes() {
        return List.of(INT32, INT64, UINT16, UINT32, UINT64, DOUBLE);
    }
}
