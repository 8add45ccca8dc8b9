package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The .NET types the simulated PowerShell knows: type literals ({@code [int]}, {@code [string[]]}), type accelerators,
 * what {@code GetType()} answers for a value, and the exception hierarchy {@code catch [T]} and {@code -is} need.
 */
public final class Types {
    private Types() {}

    public static final PsType CHAR = new PsType.Simple("System.Char");
    public static final PsType BYTE = new PsType.Simple("System.Byte");
    public static final PsType INT16 = new PsType.Simple("System.Int16");
    public static final PsType SINGLE = new PsType.Simple("System.Single");
    public static final PsType DECIMAL = new PsType.Simple("System.Decimal");
    public static final PsType VOID = new PsType.Simple("System.Void");
    public static final PsType PSCUSTOMOBJECT = new PsType.Simple("System.Management.Automation.PSCustomObject");
    public static final PsType PSOBJECT = new PsType.Simple("System.Management.Automation.PSObject");
    public static final PsType ORDERED = new PsType.Simple("System.Collections.Specialized.OrderedDictionary");
    public static final PsType REGEX = new PsType.Simple("System.Text.RegularExpressions.Regex");
    public static final PsType MATCH = new PsType.Simple("System.Text.RegularExpressions.Match");
    public static final PsType MATH = new PsType.Simple("System.Math");
    public static final PsType ENVIRONMENT = new PsType.Simple("System.Environment");
    public static final PsType ARRAYLIST = new PsType.Simple("System.Collections.ArrayList");
    public static final PsType ARRAY = new PsType.Simple("System.Array");
    public static final PsType RUNTIME_TYPE = new PsType.Simple("System.RuntimeType");
    public static final PsType ERROR_RECORD = new PsType.Simple("System.Management.Automation.ErrorRecord");
    public static final PsType PATH = new PsType.Simple("System.IO.Path");
    public static final PsType DNS = new PsType.Simple("System.Net.Dns");
    public static final PsType ENUM = new PsType.Simple("System.Enum");
    public static final PsType VALUE_TYPE = new PsType.Simple("System.ValueType");
    public static final PsType CONVERT = new PsType.Simple("System.Convert");
    public static final PsType DICTIONARY_ENTRY = new PsType.Simple("System.Collections.DictionaryEntry");
    public static final PsType VERSION = new PsType.Simple("System.Version");
    public static final PsType CONSOLE = new PsType.Simple("System.Console");
    public static final PsType CATEGORY_INFO = new PsType.Simple("System.Management.Automation.ErrorCategoryInfo");

    public static final PsEnum ACTION_PREFERENCE = new PsEnum("System.Management.Automation.ActionPreference",
            ordered("SilentlyContinue", 0, "Stop", 1, "Continue", 2, "Inquire", 3, "Ignore", 4, "Suspend", 5));
    public static final PsEnum ERROR_CATEGORY = new PsEnum("System.Management.Automation.ErrorCategory", categories());
    public static final PsEnum DAY_OF_WEEK = new PsEnum("System.DayOfWeek",
            ordered("Sunday", 0, "Monday", 1, "Tuesday", 2, "Wednesday", 3, "Thursday", 4, "Friday", 5, "Saturday", 6));
    public static final PsEnum DATETIME_KIND = new PsEnum("System.DateTimeKind",
            ordered("Unspecified", 0, "Utc", 1, "Local", 2));

    private static final Map<String, PsType> ACCELERATORS = new HashMap<>();
    private static final Map<String, String> SHORT_NAMES = new HashMap<>();
    private static final Map<String, String> EXCEPTION_BASES = new HashMap<>();
    private static final Map<String, PsEnum> BUILTIN_ENUMS = new HashMap<>();
    private static final Map<String, String> EXCEPTION_SPELLING = new HashMap<>();

    static {
        accel(PsType.INT32, "int", "int32");
        accel(PsType.INT64, "long", "int64");
        accel(INT16, "short", "int16");
        accel(PsType.UINT16, "uint16", "ushort");
        accel(PsType.UINT32, "uint32", "uint");
        accel(PsType.UINT64, "uint64", "ulong");
        accel(PsType.DOUBLE, "double");
        accel(SINGLE, "float", "single");
        accel(DECIMAL, "decimal");
        accel(BYTE, "byte");
        accel(CHAR, "char");
        accel(PsType.STRING, "string");
        accel(PsType.BOOLEAN, "bool", "boolean");
        accel(PsType.GUID, "guid");
        accel(PsType.DATETIME, "datetime");
        accel(PsType.TIMESPAN, "timespan");
        accel(PsType.HASHTABLE, "hashtable");
        accel(ORDERED, "ordered");
        accel(PSCUSTOMOBJECT, "pscustomobject");
        accel(PSOBJECT, "psobject");
        accel(PsType.OBJECT, "object");
        accel(ARRAY, "array");
        accel(PsType.SCRIPTBLOCK, "scriptblock");
        accel(PsType.SWITCH, "switch");
        accel(VOID, "void");
        accel(REGEX, "regex");
        accel(MATH, "math");
        accel(ENVIRONMENT, "environment");
        accel(ARRAYLIST, "arraylist");
        accel(RUNTIME_TYPE, "type");
        accel(ERROR_RECORD, "errorrecord");
        accel(PATH, "io.path");
        accel(DNS, "net.dns");
        accel(ENUM, "enum");
        accel(CONVERT, "convert");
        accel(VALUE_TYPE, "valuetype");
        accel(VERSION, "version");
        accel(CONSOLE, "console");
        accel(DICTIONARY_ENTRY, "collections.dictionaryentry");
        for (PsEnum e : List.of(ACTION_PREFERENCE, ERROR_CATEGORY, DAY_OF_WEEK, DATETIME_KIND)) {
            BUILTIN_ENUMS.put(e.fullName().toLowerCase(Locale.ROOT), e);
        }
        BUILTIN_ENUMS.put("actionpreference", ACTION_PREFERENCE);
        String[][] bases = {
                {"System.Exception", "System.Object"},
                {"System.SystemException", "System.Exception"},
                {"System.ApplicationException", "System.Exception"},
                {"System.Management.Automation.RuntimeException", "System.SystemException"},
                {"System.Management.Automation.CommandNotFoundException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.ParameterBindingException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.ParseException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.ParentContainsErrorRecordException", "System.SystemException"},
                {"System.Management.Automation.SessionStateException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.ItemNotFoundException", "System.Management.Automation.SessionStateException"},
                {"System.Management.Automation.DriveNotFoundException", "System.Management.Automation.SessionStateException"},
                {"System.Management.Automation.ActionPreferenceStopException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.PipelineStoppedException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.MethodException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.MethodInvocationException", "System.Management.Automation.MethodException"},
                {"System.Management.Automation.SetValueInvocationException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.MetadataException", "System.Management.Automation.RuntimeException"},
                {"System.Management.Automation.ValidationMetadataException", "System.Management.Automation.MetadataException"},
                {"System.Management.Automation.PSInvalidCastException", "System.InvalidCastException"},
                {"System.Management.Automation.PSArgumentException", "System.ArgumentException"},
                {"System.Management.Automation.PSInvalidOperationException", "System.InvalidOperationException"},
                {"System.Management.Automation.PSNotSupportedException", "System.NotSupportedException"},
                {"System.Management.Automation.PSNotImplementedException", "System.NotImplementedException"},
                {"Microsoft.PowerShell.Commands.WriteErrorException", "System.SystemException"},
                {"System.ArgumentException", "System.SystemException"},
                {"System.ArgumentNullException", "System.ArgumentException"},
                {"System.ArgumentOutOfRangeException", "System.ArgumentException"},
                {"System.InvalidOperationException", "System.SystemException"},
                {"System.InvalidCastException", "System.SystemException"},
                {"System.FormatException", "System.SystemException"},
                {"System.ArithmeticException", "System.SystemException"},
                {"System.DivideByZeroException", "System.ArithmeticException"},
                {"System.OverflowException", "System.ArithmeticException"},
                {"System.NotSupportedException", "System.SystemException"},
                {"System.NotImplementedException", "System.SystemException"},
                {"System.UnauthorizedAccessException", "System.SystemException"},
                {"System.TimeoutException", "System.SystemException"},
                {"System.NullReferenceException", "System.SystemException"},
                {"System.IndexOutOfRangeException", "System.SystemException"},
                {"System.Collections.Generic.KeyNotFoundException", "System.SystemException"},
                {"System.IO.IOException", "System.SystemException"},
                {"System.IO.FileNotFoundException", "System.IO.IOException"},
                {"System.IO.DirectoryNotFoundException", "System.IO.IOException"},
                {"System.ComponentModel.Win32Exception", "System.Runtime.InteropServices.ExternalException"},
                {"System.Runtime.InteropServices.ExternalException", "System.SystemException"},
                {"System.Runtime.InteropServices.COMException", "System.Runtime.InteropServices.ExternalException"},
                {"Microsoft.Management.Infrastructure.CimException", "System.Exception"},
                {"System.Text.RegularExpressions.RegexMatchTimeoutException", "System.TimeoutException"},
        };
        for (String[] b : bases) {
            EXCEPTION_BASES.put(b[0].toLowerCase(Locale.ROOT), b[1]);
            EXCEPTION_SPELLING.put(b[0].toLowerCase(Locale.ROOT), b[0]);
        }
    }

    private static void accel(PsType t, String... names) {
        for (String n : names) {
            ACCELERATORS.put(n, t);
        }
        ACCELERATORS.put(t.fullName().toLowerCase(Locale.ROOT), t);
        SHORT_NAMES.put(t.fullName(), names.length > 0 ? names[0] : t.fullName());
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
        }
        return m;
    }

    private static Map<String, Long> categories() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ErrorCategory c : ErrorCategory.values()) {
            m.put(c.name(), (long) c.value());
        }
        return m;
    }

    /** The {@code ErrorCategory} enum value PowerShell exposes as {@code $_.CategoryInfo.Category}. */
    public static PsEnum.Value category(ErrorCategory c) {
        return ERROR_CATEGORY.of(c.name());
    }

    /**
     * Resolves a type name as PowerShell does: accelerators, full names, then with "System." in front; host-registered
     * enum, exception and object types; arrays and the generic collection types scripts use.
     */
    public static Optional<PsType> resolve(String name, List<String> generics, int rank, CommandTable host) {
        Optional<PsType> base = resolveBase(name, generics, host);
        if (base.isEmpty()) {
            return base;
        }
        PsType t = base.get();
        for (int i = 0; i < rank; i++) {
            t = PsType.arrayOf(t);
        }
        return Optional.of(t);
    }

    private static Optional<PsType> resolveBase(String name, List<String> generics, CommandTable host) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!generics.isEmpty()) {
            if (n.equals("system.collections.generic.list") || n.equals("collections.generic.list")) {
                return Optional.of(new PsType.Simple("System.Collections.Generic.List`1[" + generics.get(0) + "]"));
            }
            return Optional.empty();
        }
        for (String candidate : new String[] {n, "system." + n}) {
            PsType t = ACCELERATORS.get(candidate);
            if (t != null) {
                return Optional.of(t);
            }
            PsEnum e = BUILTIN_ENUMS.get(candidate);
            if (e != null) {
                return Optional.of(PsType.enumOf(e));
            }
            if (host != null) {
                Optional<PsEnum> he = host.enumType(candidate);
                if (he.isPresent()) {
                    return Optional.of(PsType.enumOf(he.get()));
                }
                Optional<String> ot = host.objectType(candidate);
                if (ot.isPresent()) {
                    return Optional.of(PsType.objectOf(ot.get()));
                }
            }
            String canon = exceptionName(candidate, host);
            if (canon != null) {
                return Optional.of(new PsType.Simple(canon));
            }
        }
        return Optional.empty();
    }

    private static String exceptionName(String lower, CommandTable host) {
        String known = EXCEPTION_SPELLING.get(lower);
        if (known != null) {
            return known;
        }
        return host == null ? null : host.exceptionName(lower).orElse(null);
    }

    /**
     * .NET types scripts sometimes use that hvsim does not model: naming one fails with a clear "not implemented"
     * error rather than a misleading "Unable to find type".
     */
    private static final java.util.Set<String> NOT_MODELLED = java.util.Set.of(
            "system.diagnostics.stopwatch", "diagnostics.stopwatch", "system.text.stringbuilder", "text.stringbuilder",
            "system.net.ipaddress", "ipaddress", "net.ipaddress", "system.uri", "uri", "system.io.file", "io.file",
            "system.io.directory", "io.directory", "system.text.encoding", "text.encoding",
            "system.security.principal.windowsidentity", "security.principal.windowsidentity",
            "system.collections.generic.dictionary", "system.collections.generic.hashset", "xml", "system.xml.xmldocument",
            "wmi", "wmiclass", "adsi", "adsisearcher", "scriptblock", "system.management.automation.pscredential",
            "pscredential", "securestring", "system.security.securestring", "system.threading.thread",
            "threading.thread", "system.datetimeoffset", "datetimeoffset", "system.bitconverter", "bitconverter",
            "system.net.webclient", "net.webclient", "system.net.dns.gethostentry");

    public static boolean isNotModelled(String name) {
        return NOT_MODELLED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The base type of an exception type, or null for System.Object / unknown roots. */
    public static String exceptionBase(String fullName, CommandTable host) {
        String lower = fullName.toLowerCase(Locale.ROOT);
        String b = EXCEPTION_BASES.get(lower);
        if (b != null) {
            return b.equals("System.Object") ? null : b;
        }
        if (host != null) {
            Optional<String> hb = host.exceptionBase(lower);
            if (hb.isPresent()) {
                return hb.get();
            }
        }
        // an exception type nobody registered: PowerShell would know its real base; System.Exception is the safe one
        return lower.equals("system.object") ? null : "System.Exception";
    }

    /** True when exception type {@code actual} is {@code expected} or derives from it. */
    public static boolean exceptionIs(String actual, String expected, CommandTable host) {
        String cur = actual;
        for (int guard = 0; cur != null && guard < 32; guard++) {
            if (cur.equalsIgnoreCase(expected)) {
                return true;
            }
            cur = exceptionBase(cur, host);
        }
        return expected.equalsIgnoreCase("System.Object");
    }

    public static boolean isExceptionType(PsType t, CommandTable host) {
        return exceptionIs(t.fullName(), "System.Exception", host)
                && (EXCEPTION_BASES.containsKey(t.fullName().toLowerCase(Locale.ROOT))
                || (host != null && host.exceptionBase(t.fullName()).isPresent()));
    }

    /** {@code $x.GetType()}. */
    public static PsType typeOf(Object v) {
        return switch (v) {
            case null -> PsType.OBJECT;
            case String s -> PsType.STRING;
            case Integer i -> PsType.INT32;
            case Long l -> PsType.INT64;
            case Double d -> PsType.DOUBLE;
            case Boolean b -> PsType.BOOLEAN;
            case Character c -> CHAR;
            case Byte b -> BYTE;
            case Short s -> INT16;
            case Float f -> SINGLE;
            case java.math.BigDecimal bd -> DECIMAL;
            case PsNumber.Unsigned u -> u.type();
            case UUID u -> PsType.GUID;
            case Instant i -> PsType.DATETIME;
            case Duration d -> PsType.TIMESPAN;
            case PsList l -> l.type();
            case List<?> l -> PsType.OBJECT_ARRAY;
            case PsHashtable h -> h.ordered() ? ORDERED : PsType.HASHTABLE;
            case PsObject o -> o.typeNames().isEmpty() ? PSCUSTOMOBJECT : new PsType.Simple(o.typeNames().get(0));
            case PsEnum.Value e -> PsType.enumOf(e.type());
            case ScriptBlock s -> PsType.SCRIPTBLOCK;
            case PsType t -> RUNTIME_TYPE;
            case PsError e -> ERROR_RECORD;
            case ErrorViews.ExceptionView x -> new PsType.Simple(x.record().exceptionType());
            case ErrorViews.CategoryInfoView c -> CATEGORY_INFO;
            case RegexValues.RegexValue r -> REGEX;
            case RegexValues.MatchValue m -> MATCH;
            case DotNetVersion ver -> VERSION;
            case UtcDateTime u -> PsType.DATETIME;
            default -> new PsType.Simple(v.getClass().getName());
        };
    }

    /** The short name ({@code .Name}) of a type. */
    public static String shortName(PsType t) {
        String f = t.fullName();
        int gen = f.indexOf('`');
        String base = gen >= 0 ? f.substring(0, gen) : f;
        int dot = base.lastIndexOf('.');
        String s = dot >= 0 ? f.substring(dot + 1) : f;
        return s;
    }

    /** How PowerShell writes a type as a string: the accelerator name when there is one ({@code "$([int])"} is "int"). */
    public static String displayName(PsType t) {
        if (t instanceof PsType.ArrayOf a) {
            return displayName(a.element()) + "[]";
        }
        return SHORT_NAMES.getOrDefault(t.fullName(), t.fullName());
    }

    /** {@code $value -is [type]}. */
    public static boolean isInstance(Object v, PsType t, CommandTable host) {
        if (AutomationNull.isNull(v)) {
            return false;
        }
        if (t.equals(PsType.OBJECT) || t.equals(PSOBJECT)) {
            return !t.equals(PSOBJECT) || v instanceof PsObject;
        }
        PsType actual = typeOf(v);
        if (sameType(actual, t)) {
            return true;
        }
        if (t.equals(ARRAY)) {
            return v instanceof List<?> && !(v instanceof PsList);
        }
        if (t.equals(VALUE_TYPE)) {
            return v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Instant
                    || v instanceof Duration || v instanceof UUID || v instanceof PsEnum.Value
                    || v instanceof PsNumber.Unsigned;
        }
        if (t.equals(ENUM)) {
            return v instanceof PsEnum.Value;
        }
        if (t instanceof PsType.ArrayOf && v instanceof List<?>) {
            return t.equals(PsType.OBJECT_ARRAY) && !(v instanceof PsList);
        }
        if (t.equals(PSCUSTOMOBJECT)) {
            return v instanceof PsObject o && o.typeNames().contains(PSCUSTOMOBJECT.fullName());
        }
        if (v instanceof PsObject o) {
            for (String n : o.typeNames()) {
                if (n.equalsIgnoreCase(t.fullName())) {
                    return true;
                }
            }
            return false;
        }
        if (v instanceof ErrorViews.ExceptionView x) {
            return exceptionIs(x.record().exceptionType(), t.fullName(), host);
        }
        return false;
    }

    public static boolean sameType(PsType a, PsType b) {
        return a.fullName().equalsIgnoreCase(b.fullName());
    }
}
