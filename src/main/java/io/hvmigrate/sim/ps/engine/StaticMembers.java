package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.lang.Extent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Static members scripts use: {@code [Math]}, {@code [string]}, {@code [regex]}, {@code [guid]},
 * {@code [Environment]}, {@code [DateTime]}, {@code [TimeSpan]}, the numeric types, {@code [System.IO.Path]},
 * enum values ({@code [VMState]::Running}) and {@code ::new()} for the collection types.
 */
final class StaticMembers {
    private StaticMembers() {}

    private static final Object NONE = Members.NO_MEMBER;

    static Object get(Interpreter in, PsType type, String name, Extent where) {
        String n = name.toLowerCase(Locale.ROOT);
        if (type instanceof PsType.Enum e) {
            return e.spec().byName(name).map(v -> (Object) v).orElse(null);
        }
        Object r = switch (type.fullName()) {
            case "System.Math" -> switch (n) {
                case "pi" -> Math.PI;
                case "e" -> Math.E;
                default -> NONE;
            };
            case "System.String" -> n.equals("empty") ? "" : NONE;
            case "System.Guid" -> n.equals("empty") ? new UUID(0, 0) : NONE;
            case "System.Environment" -> switch (n) {
                case "machinename" -> in.config().computerName();
                case "newline" -> "\r\n";
                case "username" -> in.config().userName();
                case "userdomainname" -> in.config().userDomain();
                case "processorcount" -> 8;
                case "is64bitoperatingsystem", "is64bitprocess" -> true;
                case "currentdirectory" -> "C:\\Users\\" + in.config().userName() + "\\Documents";
                case "systemdirectory" -> "C:\\Windows\\system32";
                case "tickcount" -> (int) (System.nanoTime() / 1_000_000L);
                default -> NONE;
            };
            case "System.DateTime" -> switch (n) {
                case "now" -> in.clock().now();
                case "utcnow" -> new UtcDateTime(in.clock().now());
                case "today" -> LocalDateTime.ofInstant(in.clock().now(), ZoneOffset.UTC).toLocalDate().atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
                case "minvalue" -> Instant.parse("0001-01-01T00:00:00Z");
                case "maxvalue" -> Instant.parse("9999-12-31T23:59:59.9999999Z");
                default -> NONE;
            };
            case "System.TimeSpan" -> switch (n) {
                case "zero" -> Duration.ZERO;
                case "maxvalue" -> Duration.ofNanos(Long.MAX_VALUE);
                default -> NONE;
            };
            case "System.Int32" -> n.equals("maxvalue") ? (Object) Integer.MAX_VALUE
                    : n.equals("minvalue") ? (Object) Integer.MIN_VALUE : NONE;
            case "System.Int64" -> n.equals("maxvalue") ? (Object) Long.MAX_VALUE
                    : n.equals("minvalue") ? (Object) Long.MIN_VALUE : NONE;
            case "System.UInt32" -> n.equals("maxvalue") ? new PsNumber.Unsigned(PsType.UINT32, 4294967295L)
                    : n.equals("minvalue") ? new PsNumber.Unsigned(PsType.UINT32, 0) : NONE;
            case "System.UInt16" -> n.equals("maxvalue") ? new PsNumber.Unsigned(PsType.UINT16, 65535)
                    : n.equals("minvalue") ? new PsNumber.Unsigned(PsType.UINT16, 0) : NONE;
            case "System.Double" -> switch (n) {
                case "maxvalue" -> Double.MAX_VALUE;
                case "minvalue" -> -Double.MAX_VALUE;
                case "nan" -> Double.NaN;
                case "positiveinfinity" -> Double.POSITIVE_INFINITY;
                case "negativeinfinity" -> Double.NEGATIVE_INFINITY;
                case "epsilon" -> Double.MIN_VALUE;
                default -> NONE;
            };
            case "System.IO.Path" -> switch (n) {
                case "directoryseparatorchar" -> '\\';
                case "pathseparator" -> ';';
                default -> NONE;
            };
            default -> NONE;
        };
        return r == NONE ? null : r;
    }

    static Object invoke(Interpreter in, PsType type, String name, List<Object> args, Extent where) {
        String n = name.toLowerCase(Locale.ROOT);
        Object r;
        try {
            r = dispatch(in, type, n, name, args, where);
        } catch (Members.MethodFailure f) {
            throw Errors.methodInvocation(where, name, args.size(), f.getMessage(), f.innerType);
        } catch (Members.OverloadException o) {
            throw Errors.runtime(where, "System.Management.Automation.MethodException", "Cannot find an overload for \""
                    + name + "\" and the argument count: \"" + o.count + "\".", "MethodCountCouldNotFindBest",
                    ErrorCategory.NotSpecified, null);
        } catch (Conversions.ConversionException c) {
            throw Errors.runtime(where, "System.Management.Automation.MethodException", "Cannot convert argument, for \""
                    + name + "\": \"" + c.getMessage() + "\"", "MethodArgumentConversionInvalidCastArgument",
                    ErrorCategory.NotSpecified, null);
        }
        if (r == NONE) {
            throw Errors.methodNotFound(where, type.fullName(), name);
        }
        return r;
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new Members.OverloadException(name, args.size());
        }
    }

    private static String str(List<Object> args, int i) {
        return Conversions.toStr(args.get(i));
    }

    private static int intArg(List<Object> args, int i) {
        return (Integer) Conversions.convertTo(args.get(i), PsType.INT32, null);
    }

    private static Object num(List<Object> args, int i, Extent where) {
        return Operators.toNumber(args.get(i), PsType.DOUBLE, where);
    }

    private static Object dispatch(Interpreter in, PsType type, String n, String name, List<Object> args, Extent where) {
        if (n.equals("new")) {
            return construct(in, type, args, where);
        }
        switch (type.fullName()) {
            case "System.Math":
                return math(n, name, args, where);
            case "System.String":
                return string(in, n, name, args);
            case "System.Text.RegularExpressions.Regex":
                return regex(in, n, name, args, where);
            case "System.Guid":
                return switch (n) {
                    case "newguid" -> {
                        arity("NewGuid", args, 0, 0);
                        yield in.newGuid();
                    }
                    case "parse" -> Conversions.convertTo(args.get(0), PsType.GUID, in.commands());
                    default -> NONE;
                };
            case "System.Environment":
                return switch (n) {
                    case "getenvironmentvariable" -> in.environmentVariable(str(args, 0));
                    case "getfolderpath" -> "C:\\Users\\" + in.config().userName() + "\\" + str(args, 0);
                    default -> NONE;
                };
            case "System.DateTime":
                return switch (n) {
                    case "parse", "parseexact" -> Conversions.convertTo(args.get(0), PsType.DATETIME, in.commands());
                    case "specifykind" -> {
                        Instant i = UtcDateTime.of(Conversions.convertTo(args.get(0), PsType.DATETIME, in.commands()));
                        yield str(args, 1).equalsIgnoreCase("Utc") ? new UtcDateTime(i) : i;
                    }
                    case "fromfiletimeutc", "fromfiletime" -> Instant.ofEpochSecond(-11644473600L)
                            .plusNanos(((Number) num(args, 0, where)).longValue() * 100);
                    case "daysinmonth" -> LocalDate.of(intArg(args, 0), intArg(args, 1), 1).lengthOfMonth();
                    case "isleapyear" -> LocalDate.of(intArg(args, 0), 1, 1).isLeapYear();
                    default -> NONE;
                };
            case "System.TimeSpan":
                return switch (n) {
                    case "fromseconds", "fromminutes", "fromhours", "fromdays", "frommilliseconds" -> {
                        double v = Conversions.toDouble(num(args, 0, where));
                        double ms = v * switch (n) {
                            case "fromseconds" -> 1000.0;
                            case "fromminutes" -> 60_000.0;
                            case "fromhours" -> 3_600_000.0;
                            case "fromdays" -> 86_400_000.0;
                            default -> 1.0;
                        };
                        yield Duration.ofMillis(Math.round(ms));
                    }
                    case "fromticks" -> Duration.ofNanos(((Number) num(args, 0, where)).longValue() * 100);
                    case "parse" -> Conversions.convertTo(args.get(0), PsType.TIMESPAN, in.commands());
                    default -> NONE;
                };
            case "System.Int32", "System.Int64", "System.Double", "System.UInt32", "System.UInt16", "System.UInt64",
                 "System.Boolean", "System.Byte", "System.Int16":
                return switch (n) {
                    case "parse" -> {
                        if (type.equals(PsType.BOOLEAN)) {
                            String s = str(args, 0).strip();
                            if (s.equalsIgnoreCase("true")) {
                                yield true;
                            }
                            if (s.equalsIgnoreCase("false")) {
                                yield false;
                            }
                            throw new Members.MethodFailure("String was not recognized as a valid Boolean.",
                                    "FormatException");
                        }
                        Object parsed = Conversions.parseNumber(str(args, 0));
                        if (parsed == null || str(args, 0).strip().isEmpty()) {
                            throw new Members.MethodFailure("Input string was not in a correct format.", "FormatException");
                        }
                        yield Conversions.convertTo(parsed, type, in.commands());
                    }
                    default -> NONE;
                };
            case "System.IO.Path":
                return path(n, args);
            case "System.Net.Dns":
                return n.equals("gethostname") ? in.config().computerName() : NONE;
            case "System.Console":
                return switch (n) {
                    case "writeline" -> {
                        in.output().host(args.isEmpty() ? "" : Conversions.toStr(args.get(0), in.ofs()), true);
                        yield AutomationNull.VALUE;
                    }
                    case "write" -> {
                        in.output().host(args.isEmpty() ? "" : Conversions.toStr(args.get(0), in.ofs()), false);
                        yield AutomationNull.VALUE;
                    }
                    default -> NONE;
                };
            case "System.Enum":
                if (n.equals("getnames") || n.equals("getvalues")) {
                    Object t = AutomationNull.unwrap(args.get(0));
                    if (t instanceof PsType.Enum e) {
                        List<Object> out = new ArrayList<>();
                        for (String k : e.spec().members().keySet()) {
                            out.add(n.equals("getnames") ? k : e.spec().of(k));
                        }
                        return out;
                    }
                }
                if (n.equals("parse") && AutomationNull.unwrap(args.get(0)) instanceof PsType.Enum e) {
                    return Conversions.toEnum(str(args, 1), e.spec());
                }
                return NONE;
            case "System.Convert":
                return switch (n) {
                    case "toint32" -> args.size() == 2 ? (Object) Integer.parseInt(str(args, 0).replaceFirst("(?i)^0x", ""),
                            intArg(args, 1)) : Conversions.convertTo(args.get(0), PsType.INT32, in.commands());
                    case "toint64" -> Conversions.convertTo(args.get(0), PsType.INT64, in.commands());
                    case "tostring" -> args.size() == 2 ? Long.toString(((Number) num(args, 0, where)).longValue(),
                            intArg(args, 1)) : Conversions.toStr(args.get(0));
                    case "toboolean" -> Conversions.isTrue(args.get(0));
                    case "todouble" -> Conversions.convertTo(args.get(0), PsType.DOUBLE, in.commands());
                    default -> NONE;
                };
            case "System.Array":
                if (n.equals("indexof")) {
                    List<Object> l = Conversions.enumerateAll(args.get(0));
                    for (int i = 0; i < l.size(); i++) {
                        if (Operators.equalsValue(l.get(i), args.get(1), false, in.commands())) {
                            return i;
                        }
                    }
                    return -1;
                }
                return NONE;
            default:
                if (type instanceof PsType.Enum e) {
                    return switch (n) {
                        case "getnames" -> new ArrayList<Object>(e.spec().members().keySet());
                        case "parse" -> Conversions.toEnum(str(args, 0), e.spec());
                        default -> NONE;
                    };
                }
                return NONE;
        }
    }

    /** An exception object as {@code [InvalidOperationException]::new('msg')} makes it, ready to be thrown. */
    static ErrorViews.ExceptionView newException(PsType type, List<Object> args) {
        String message = args.isEmpty() ? "Exception of type '" + type.fullName() + "' was thrown."
                : Conversions.toStr(args.get(0));
        io.hvmigrate.sim.ps.ErrorRecord r = new io.hvmigrate.sim.ps.ErrorRecord(type.fullName(), message,
                Errors.hresultOf(type.fullName()), ErrorCategory.OperationStopped, message, null);
        return new ErrorViews.ExceptionView(r, null);
    }

    private static Object construct(Interpreter in, PsType type, List<Object> args, Extent where) {
        String f = type.fullName();
        if (Types.isExceptionType(type, in.commands())) {
            return newException(type, args);
        }
        if (f.equals(Types.ERROR_RECORD.fullName())) {
            // [ErrorRecord]::new($exception, 'ErrorId', 'Category', $target)
            if (args.size() != 4) {
                throw new Members.OverloadException("new", args.size());
            }
            Object ex = AutomationNull.unwrap(args.get(0));
            io.hvmigrate.sim.ps.ErrorRecord base = ex instanceof ErrorViews.ExceptionView x ? x.record()
                    : ex instanceof io.hvmigrate.sim.ps.PsError pe ? pe.record()
                    : newException(new PsType.Simple("System.Exception"), List.of(Conversions.toStr(ex))).record();
            PsEnum.Value category = Conversions.toEnum(AutomationNull.unwrap(args.get(2)) == null ? "NotSpecified"
                    : args.get(2), Types.ERROR_CATEGORY);
            io.hvmigrate.sim.ps.ErrorRecord r = new io.hvmigrate.sim.ps.ErrorRecord(base.exceptionType(), base.message(),
                    base.hresult(), ErrorCategory.valueOf(category.name()), Conversions.toStr(args.get(1)),
                    AutomationNull.unwrap(args.get(3)));
            return new io.hvmigrate.sim.ps.PsError(r, null, "");
        }
        if (f.equals("System.Collections.ArrayList") || f.startsWith("System.Collections.Generic.List`1")) {
            if (!args.isEmpty() && AutomationNull.unwrap(args.get(0)) instanceof List<?> l) {
                return new PsList(type, l);
            }
            return new PsList(type);
        }
        if (f.equals("System.Collections.Hashtable")) {
            return new PsHashtable(false);
        }
        if (f.equals("System.Collections.Specialized.OrderedDictionary")) {
            return new PsHashtable(true);
        }
        if (f.equals("System.Guid")) {
            return args.isEmpty() ? new UUID(0, 0) : Conversions.convertTo(args.get(0), PsType.GUID, in.commands());
        }
        if (f.equals("System.Text.RegularExpressions.Regex")) {
            boolean ic = args.size() > 1 && Conversions.toStr(args.get(1)).toLowerCase(Locale.ROOT).contains("ignorecase");
            return Operators.regex(str(args, 0), ic, where);
        }
        if (f.equals("System.DateTime") && args.size() >= 3) {
            LocalDateTime d = LocalDateTime.of(intArg(args, 0), intArg(args, 1), intArg(args, 2),
                    args.size() > 3 ? intArg(args, 3) : 0, args.size() > 4 ? intArg(args, 4) : 0,
                    args.size() > 5 ? intArg(args, 5) : 0);
            return d.toInstant(ZoneOffset.UTC);
        }
        if (f.equals("System.TimeSpan") && args.size() >= 3) {
            if (args.size() == 3) {
                return Duration.ofHours(intArg(args, 0)).plusMinutes(intArg(args, 1)).plusSeconds(intArg(args, 2));
            }
            return Duration.ofDays(intArg(args, 0)).plusHours(intArg(args, 1)).plusMinutes(intArg(args, 2))
                    .plusSeconds(intArg(args, 3));
        }
        if (f.equals("System.Management.Automation.PSObject") || f.equals("System.Object")) {
            return io.hvmigrate.sim.ps.PsObject.custom();
        }
        throw Errors.notSupported(where, "[" + f + "]::new()");
    }

    private static Object math(String n, String name, List<Object> args, Extent where) {
        switch (n) {
            case "round": {
                arity("Round", args, 1, 3);
                Object v = num(args, 0, where);
                int digits = 0;
                boolean awayFromZero = false;
                for (int i = 1; i < args.size(); i++) {
                    Object a = AutomationNull.unwrap(args.get(i));
                    String s = Conversions.toStr(a);
                    if (s.equalsIgnoreCase("AwayFromZero")) {
                        awayFromZero = true;
                    } else if (s.equalsIgnoreCase("ToEven")) {
                        awayFromZero = false;
                    } else {
                        digits = intArg(args, i);
                    }
                }
                if (!(v instanceof Double)) {
                    return v;
                }
                double d = (Double) v;
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return d;
                }
                // .NET rounds the double as it is, half to even by default
                return new BigDecimal(Conversions.formatDoubleRoundTrip(d).replace("E+", "E"))
                        .setScale(digits, awayFromZero ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN).doubleValue();
            }
            case "min", "max": {
                arity(name, args, 2, 2);
                Object a = num(args, 0, where);
                Object b = num(args, 1, where);
                int c = Operators.numericCompare(a, b);
                Object r = n.equals("min") ? (c <= 0 ? a : b) : (c >= 0 ? a : b);
                if (a instanceof Double || b instanceof Double) {
                    return Conversions.toDouble(r);
                }
                return r;
            }
            case "floor", "ceiling", "truncate": {
                arity(name, args, 1, 1);
                Object v = num(args, 0, where);
                if (!(v instanceof Double d)) {
                    return v;
                }
                return switch (n) {
                    case "floor" -> Math.floor(d);
                    case "ceiling" -> Math.ceil(d);
                    default -> d < 0 ? Math.ceil(d) : Math.floor(d);
                };
            }
            case "abs": {
                Object v = num(args, 0, where);
                return Operators.numericCompare(v, 0) < 0 ? Operators.numeric('-', 0, v, where) : v;
            }
            case "pow":
                return Math.pow(Conversions.toDouble(num(args, 0, where)), Conversions.toDouble(num(args, 1, where)));
            case "sqrt":
                return Math.sqrt(Conversions.toDouble(num(args, 0, where)));
            case "log":
                return args.size() > 1 ? Math.log(Conversions.toDouble(num(args, 0, where)))
                        / Math.log(Conversions.toDouble(num(args, 1, where)))
                        : Math.log(Conversions.toDouble(num(args, 0, where)));
            case "log10":
                return Math.log10(Conversions.toDouble(num(args, 0, where)));
            case "sign":
                return Operators.numericCompare(num(args, 0, where), 0);
            default:
                return NONE;
        }
    }

    private static Object string(Interpreter in, String n, String name, List<Object> args) {
        switch (n) {
            case "join": {
                if (args.isEmpty()) {
                    throw new Members.OverloadException("Join", 0);
                }
                String sep = str(args, 0);
                List<Object> items = new ArrayList<>();
                if (args.size() == 2 && AutomationNull.unwrap(args.get(1)) instanceof List<?> l) {
                    items.addAll(l);
                } else {
                    items.addAll(args.subList(1, args.size()));
                }
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        b.append(sep);
                    }
                    b.append(Conversions.toStr(items.get(i)));
                }
                return b.toString();
            }
            case "isnullorempty":
                arity("IsNullOrEmpty", args, 1, 1);
                return Conversions.toStr(args.get(0)).isEmpty();
            case "isnullorwhitespace":
                arity("IsNullOrWhiteSpace", args, 1, 1);
                return Conversions.toStr(args.get(0)).isBlank();
            case "format": {
                if (args.isEmpty()) {
                    throw new Members.OverloadException("Format", 0);
                }
                List<Object> fargs = new ArrayList<>();
                if (args.size() == 2 && AutomationNull.unwrap(args.get(1)) instanceof List<?> l) {
                    fargs.addAll(l);
                } else {
                    fargs.addAll(args.subList(1, args.size()));
                }
                try {
                    return DotNetFormat.format(str(args, 0), fargs);
                } catch (DotNetFormat.FormatException e) {
                    throw new Members.MethodFailure(e.getMessage(), "FormatException");
                }
            }
            case "concat": {
                StringBuilder b = new StringBuilder();
                for (Object a : args) {
                    b.append(Conversions.toStr(a));
                }
                return b.toString();
            }
            case "equals":
                arity("Equals", args, 2, 3);
                return args.size() > 2 && Conversions.toStr(args.get(2)).toLowerCase(Locale.ROOT).contains("ignorecase")
                        ? str(args, 0).equalsIgnoreCase(str(args, 1)) : str(args, 0).equals(str(args, 1));
            case "compare":
                return Integer.signum(args.size() > 2 && Conversions.isTrue(args.get(2))
                        ? str(args, 0).compareToIgnoreCase(str(args, 1)) : str(args, 0).compareTo(str(args, 1)));
            default:
                return NONE;
        }
    }

    private static Object regex(Interpreter in, String n, String name, List<Object> args, Extent where) {
        boolean ignoreCase = false;
        int optIndex = switch (n) {
            case "replace" -> 3;
            case "match", "matches", "ismatch", "split" -> 2;
            default -> -1;
        };
        if (optIndex > 0 && args.size() > optIndex) {
            ignoreCase = Conversions.toStr(args.get(optIndex)).toLowerCase(Locale.ROOT).contains("ignorecase");
        }
        switch (n) {
            case "escape": {
                arity("Escape", args, 1, 1);
                return escape(str(args, 0));
            }
            case "unescape":
                return str(args, 0).replaceAll("\\\\(.)", "$1");
            case "replace": {
                arity("Replace", args, 3, 4);
                RegexValues.RegexValue r = Operators.regex(str(args, 1), ignoreCase, where);
                Object repl = AutomationNull.unwrap(args.get(2));
                if (repl instanceof ScriptBlock sb) {
                    return RegexValues.replace(str(args, 0), r,
                            m -> Conversions.toStr(in.invokeForValue(sb, null, List.of(m))));
                }
                return RegexValues.replace(str(args, 0), r, Conversions.toStr(repl));
            }
            case "match": {
                arity("Match", args, 2, 3);
                RegexValues.RegexValue r = Operators.regex(str(args, 1), ignoreCase, where);
                Matcher m = r.pattern().matcher(str(args, 0));
                return m.find() ? RegexValues.toMatch(r, m) : RegexValues.noMatch();
            }
            case "matches": {
                RegexValues.RegexValue r = Operators.regex(str(args, 1), ignoreCase, where);
                Matcher m = r.pattern().matcher(str(args, 0));
                List<Object> out = new ArrayList<>();
                while (m.find()) {
                    out.add(RegexValues.toMatch(r, m));
                }
                return out;
            }
            case "ismatch":
                arity("IsMatch", args, 2, 3);
                return Operators.regex(str(args, 1), ignoreCase, where).pattern().matcher(str(args, 0)).find();
            case "split":
                return new ArrayList<Object>(RegexValues.split(str(args, 0), Operators.regex(str(args, 1), ignoreCase,
                        where), 0));
            default:
                return NONE;
        }
    }

    /** Regex.Escape: the metacharacters and whitespace, as .NET escapes them. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\', '*', '+', '?', '|', '{', '[', '(', ')', '^', '$', '.', '#' -> b.append('\\').append(c);
                case ' ' -> b.append("\\ ");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static Object path(String n, List<Object> args) {
        switch (n) {
            case "combine": {
                String out = "";
                for (Object a : args) {
                    String p = Conversions.toStr(a);
                    if (p.isEmpty()) {
                        continue;
                    }
                    if (p.startsWith("\\") || (p.length() > 1 && p.charAt(1) == ':')) {
                        out = p;
                    } else if (out.isEmpty() || out.endsWith("\\") || out.endsWith("/")) {
                        out = out + p;
                    } else {
                        out = out + "\\" + p;
                    }
                }
                return out;
            }
            case "getfilename": {
                String p = str(args, 0);
                int i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
                return p.substring(i + 1);
            }
            case "getfilenamewithoutextension": {
                String p = (String) path("getfilename", args);
                int dot = p.lastIndexOf('.');
                return dot > 0 ? p.substring(0, dot) : p;
            }
            case "getextension": {
                String p = (String) path("getfilename", args);
                int dot = p.lastIndexOf('.');
                return dot >= 0 ? p.substring(dot) : "";
            }
            case "getdirectoryname": {
                String p = str(args, 0);
                int i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
                if (i < 0) {
                    return "";
                }
                if (i == 2 && p.charAt(1) == ':') {
                    return p.length() > 3 ? p.substring(0, 3) : null;
                }
                return p.substring(0, i);
            }
            case "getpathroot": {
                String p = str(args, 0);
                if (p.startsWith("\\\\")) {
                    int a = p.indexOf('\\', 2);
                    int b = a < 0 ? -1 : p.indexOf('\\', a + 1);
                    return b < 0 ? p : p.substring(0, b);
                }
                return p.length() >= 2 && p.charAt(1) == ':' ? p.substring(0, Math.min(3, p.length())) : "";
            }
            case "ispathrooted": {
                String p = str(args, 0);
                return p.startsWith("\\") || p.startsWith("/") || (p.length() >= 2 && p.charAt(1) == ':');
            }
            default:
                return NONE;
        }
    }
}
