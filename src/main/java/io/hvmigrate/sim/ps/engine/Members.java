package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.lang.Extent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Member access on values: properties ({@code $vm.Name}, case-insensitive), member enumeration ({@code $vms.Name}),
 * the methods of strings, collections, hashtables, dates and the rest that scripts call, and the intrinsic members
 * every object has ({@code Count}, {@code PSObject}, {@code GetType()}, {@code ToString()}, {@code Where()},
 * {@code ForEach()}).
 */
final class Members {
    private Members() {}

    /** A .NET method failed: the interpreter reports "Exception calling "X" with "N" argument(s): ...". */
    static final class MethodFailure extends RuntimeException {
        final String innerType;

        MethodFailure(String message, String innerType) {
            super(message, null, false, false);
            this.innerType = innerType;
        }
    }

    /** "This value has no such member" (as opposed to a member whose value is $null). */
    static final Object NO_MEMBER = new Object();

    // ------------------------------------------------------------------------------------------------ properties

    /** Member access as cmdlets do it: a missing property is $null whatever the strict mode. */
    static Object get(Interpreter in, Object target, String name, Extent where) {
        return get(in, target, name, where, false);
    }

    /** Member access in script ({@code $x.Name}): under strict mode 2 a missing property is an error. */
    static Object get(Interpreter in, Object target, String name, Extent where, boolean strict) {
        Object t = AutomationNull.unwrap(target);
        String n = name.toLowerCase(Locale.ROOT);
        if (t == null) {
            if (n.equals("count") || n.equals("length")) {
                return 0;
            }
            return strict ? strictMissing(in, name, where) : null;
        }
        if (n.equals("psobject")) {
            return psObjectView(t);
        }
        Object v = own(in, t, n, name);
        if (v != NO_MEMBER) {
            return v;
        }
        if (t instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object iv = AutomationNull.unwrap(item);
                if (iv == null) {
                    continue;
                }
                Object r = own(in, iv, n, name);
                if (r == NO_MEMBER) {
                    continue;
                }
                if (r instanceof List<?> rl) {
                    out.addAll(rl);
                } else {
                    out.add(r);
                }
            }
            if (out.isEmpty()) {
                return strict ? strictMissing(in, name, where) : null;
            }
            return out.size() == 1 ? out.get(0) : out;
        }
        if (n.equals("count") || n.equals("length")) {
            return 1;
        }
        return strict ? strictMissing(in, name, where) : null;
    }

    /** A missing property is $null, or an error under Set-StrictMode -Version 2 and later. */
    private static Object strictMissing(Interpreter in, String name, Extent where) {
        if (in != null && in.strictMode() >= 2) {
            throw Errors.runtime(where, "System.Management.Automation.PropertyNotFoundException", "The property '" + name
                    + "' cannot be found on this object. Verify that the property exists.", "PropertyNotFoundStrict",
                    ErrorCategory.NotSpecified, null);
        }
        return null;
    }

    static boolean has(Interpreter in, Object target, String name) {
        Object t = AutomationNull.unwrap(target);
        return t != null && own(in, t, name.toLowerCase(Locale.ROOT), name) != NO_MEMBER;
    }

    /** The value's own property, or NO_MEMBER. */
    private static Object own(Interpreter in, Object t, String n, String name) {
        switch (t) {
            case PsObject o -> {
                if (o.has(name)) {
                    return o.get(name).orElse(null);
                }
                return NO_MEMBER;
            }
            case PsHashtable h -> {
                if (h.containsKey(name)) {
                    return h.get(name);
                }
                return switch (n) {
                    case "count" -> h.size();
                    case "keys" -> new ArrayList<>(h.entrySet().stream().map(Map.Entry::getKey).toList());
                    case "values" -> new ArrayList<>(h.entrySet().stream().map(Map.Entry::getValue).toList());
                    case "isreadonly", "isfixedsize", "issynchronized" -> false;
                    default -> NO_MEMBER;
                };
            }
            case String s -> {
                return n.equals("length") ? (Object) s.length() : NO_MEMBER;
            }
            case List<?> l -> {
                return switch (n) {
                    case "count", "length" -> l.size();
                    case "longlength" -> (long) l.size();
                    case "rank" -> 1;
                    case "isfixedsize" -> !(l instanceof PsList);
                    case "isreadonly", "issynchronized" -> false;
                    default -> NO_MEMBER;
                };
            }
            case PsError e -> {
                return switch (n) {
                    case "exception" -> new ErrorViews.ExceptionView(e.record(), e);
                    case "categoryinfo" -> new ErrorViews.CategoryInfoView(e);
                    case "fullyqualifiederrorid" -> e.record().fullyQualifiedErrorId();
                    case "targetobject" -> e.record().targetObject();
                    case "invocationinfo" -> ErrorViews.invocationInfo(e);
                    case "scriptstacktrace" -> "at <ScriptBlock>, <No file>: line "
                            + (e.invocation() != null && e.invocation().extent() != null
                            ? e.invocation().extent().startLine() : 1);
                    case "errordetails", "psmessagedetails" -> null;
                    case "pipelineiterationinfo" -> new ArrayList<>();
                    default -> NO_MEMBER;
                };
            }
            case ErrorViews.ExceptionView x -> {
                return switch (n) {
                    case "message" -> x.record().message();
                    case "hresult" -> x.record().hresult();
                    case "innerexception", "stacktrace", "source", "targetsite", "helplink" -> null;
                    case "data" -> new PsHashtable(false);
                    case "errorrecord" -> x.error();
                    case "wasthrownfromthrowstatement" -> false;
                    default -> NO_MEMBER;
                };
            }
            case ErrorViews.CategoryInfoView c -> {
                PsError e = c.error();
                Object target = AutomationNull.unwrap(e.record().targetObject());
                return switch (n) {
                    case "category" -> Types.category(e.record().category());
                    case "activity" -> e.activity();
                    case "reason" -> e.reason();
                    case "targetname" -> target == null ? "" : Conversions.toStr(target);
                    case "targettype" -> target == null ? "" : Types.shortName(Types.typeOf(target));
                    default -> NO_MEMBER;
                };
            }
            case PsEnum.Value e -> {
                return n.equals("value__") ? (Object) e.number() : NO_MEMBER;
            }
            case PsType ty -> {
                return switch (n) {
                    case "name" -> Types.shortName(ty);
                    case "fullname" -> ty.fullName();
                    case "namespace" -> {
                        int dot = ty.fullName().lastIndexOf('.');
                        yield dot > 0 ? ty.fullName().substring(0, dot) : "";
                    }
                    case "isenum" -> ty instanceof PsType.Enum;
                    case "isarray" -> ty instanceof PsType.ArrayOf;
                    case "isvaluetype" -> Types.isInstance(sample(ty), Types.VALUE_TYPE, in.commands());
                    case "basetype" -> baseType(in, ty);
                    default -> NO_MEMBER;
                };
            }
            case RegexValues.MatchValue m -> {
                return switch (n) {
                    case "value" -> m.value();
                    case "index" -> m.index();
                    case "length" -> m.value().length();
                    case "success" -> m.success();
                    case "groups" -> new GroupCollection(m.groups());
                    case "name" -> "0";
                    case "captures" -> new ArrayList<>(List.of(m));
                    default -> NO_MEMBER;
                };
            }
            case RegexValues.GroupValue g -> {
                return switch (n) {
                    case "value" -> g.value();
                    case "index" -> g.index();
                    case "length" -> g.value().length();
                    case "success" -> g.success();
                    case "name" -> g.name();
                    default -> NO_MEMBER;
                };
            }
            case GroupCollection gc -> {
                return n.equals("count") ? (Object) gc.groups().size() : NO_MEMBER;
            }
            case RegexValues.RegexValue r -> {
                return n.equals("options") ? "None" : NO_MEMBER;
            }
            case DotNetVersion v -> {
                return switch (n) {
                    case "major" -> v.major();
                    case "minor" -> v.minor();
                    case "build" -> v.build();
                    case "revision" -> v.revision();
                    default -> NO_MEMBER;
                };
            }
            default -> {
                Instant i = UtcDateTime.of(t);
                if (i != null) {
                    return dateProperty(t, i, n);
                }
                if (t instanceof Duration d) {
                    return timeSpanProperty(d, n);
                }
                return NO_MEMBER;
            }
        }
    }

    private static Object sample(PsType t) {
        return switch (t.fullName()) {
            case "System.Int32" -> 0;
            case "System.Int64" -> 0L;
            case "System.Double" -> 0.0;
            case "System.Boolean" -> false;
            default -> new Object();
        };
    }

    private static Object baseType(Interpreter in, PsType t) {
        if (t instanceof PsType.Enum) {
            return Types.ENUM;
        }
        if (t instanceof PsType.ArrayOf) {
            return Types.ARRAY;
        }
        String b = Types.exceptionBase(t.fullName(), in.commands());
        if (Types.isExceptionType(t, in.commands()) && b != null) {
            return new PsType.Simple(b);
        }
        return PsType.OBJECT;
    }

    /** {@code $match.Groups}: indexable by number or name. */
    record GroupCollection(List<RegexValues.GroupValue> groups) {
        Object at(Object key) {
            if (key instanceof Number n) {
                int i = n.intValue();
                return i >= 0 && i < groups.size() ? groups.get(i) : new RegexValues.GroupValue("", "", 0, false);
            }
            String name = Conversions.toStr(key);
            for (RegexValues.GroupValue g : groups) {
                if (g.name().equals(name)) {
                    return g;
                }
            }
            return new RegexValues.GroupValue("", "", 0, false);
        }
    }

    private static Object dateProperty(Object t, Instant i, String n) {
        LocalDateTime d = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        return switch (n) {
            case "year" -> d.getYear();
            case "month" -> d.getMonthValue();
            case "day" -> d.getDayOfMonth();
            case "hour" -> d.getHour();
            case "minute" -> d.getMinute();
            case "second" -> d.getSecond();
            case "millisecond" -> d.getNano() / 1_000_000;
            case "dayofweek" -> Types.DAY_OF_WEEK.byNumber(d.getDayOfWeek().getValue() % 7).orElseThrow();
            case "dayofyear" -> d.getDayOfYear();
            case "ticks" -> ticks(i);
            case "kind" -> Types.DATETIME_KIND.of(t instanceof UtcDateTime ? "Utc" : "Local");
            case "date" -> rewrap(t, d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC));
            case "timeofday" -> Duration.between(d.toLocalDate().atStartOfDay(), d);
            case "datetime" -> DotNetFormat.formatDate(i, t instanceof UtcDateTime, "dddd, MMMM d, yyyy h:mm:ss tt");
            default -> NO_MEMBER;
        };
    }

    static long ticks(Instant i) {
        return (i.getEpochSecond() + 62135596800L) * 10_000_000L + i.getNano() / 100;
    }

    private static Object rewrap(Object like, Instant i) {
        return like instanceof UtcDateTime ? new UtcDateTime(i) : i;
    }

    private static Object timeSpanProperty(Duration d, String n) {
        double totalMs = d.toNanos() / 1_000_000.0;
        return switch (n) {
            case "days" -> (int) d.toDays();
            case "hours" -> d.toHoursPart();
            case "minutes" -> d.toMinutesPart();
            case "seconds" -> d.toSecondsPart();
            case "milliseconds" -> d.toMillisPart();
            case "ticks" -> d.toNanos() / 100;
            case "totaldays" -> totalMs / 86_400_000.0;
            case "totalhours" -> totalMs / 3_600_000.0;
            case "totalminutes" -> totalMs / 60_000.0;
            case "totalseconds" -> totalMs / 1000.0;
            case "totalmilliseconds" -> totalMs;
            default -> NO_MEMBER;
        };
    }

    /** {@code $x.PSObject}: TypeNames, Properties, BaseObject. */
    private static PsObject psObjectView(Object t) {
        PsObject view = PsObject.of("System.Management.Automation.PSObject");
        List<Object> typeNames = new ArrayList<>();
        if (t instanceof PsObject o) {
            typeNames.addAll(o.typeNames());
        } else {
            PsType ty = Types.typeOf(t);
            typeNames.add(ty.fullName());
            if (t instanceof List<?> && !(t instanceof PsList)) {
                typeNames.add("System.Array");
            } else if (Conversions.isNumber(t) || t instanceof Boolean || t instanceof PsEnum.Value
                    || UtcDateTime.of(t) != null) {
                if (t instanceof PsEnum.Value) {
                    typeNames.add("System.Enum");
                }
                typeNames.add("System.ValueType");
            }
            typeNames.add("System.Object");
        }
        view.put("TypeNames", typeNames);
        List<Object> props = new ArrayList<>();
        if (t instanceof PsObject o) {
            for (String name : o.propertyNames()) {
                Object value = o.get(name).orElse(null);
                PsObject p = PsObject.of("System.Management.Automation.PSNoteProperty");
                p.put("Name", name);
                p.put("Value", value);
                p.put("MemberType", "NoteProperty");
                p.put("IsSettable", true);
                p.put("TypeNameOfValue", value == null ? "System.Object" : Types.typeOf(value).fullName());
                p.toStringValue(name);
                props.add(p);
            }
        }
        view.put("Properties", props);
        view.put("BaseObject", t);
        view.put("ImmediateBaseObject", t);
        view.put("Members", props);
        return view;
    }

    static void set(Interpreter in, Object target, String name, Object value, Extent where) {
        Object t = AutomationNull.unwrap(target);
        switch (t) {
            case PsObject o -> {
                Optional<PsObject.Settable> live = o.settable(name);
                if (live.isPresent()) {
                    setThrough(in, live.get(), name, value, where);
                    return;
                }
                if (o.has(name) || o.typeNames().isEmpty()) {
                    o.put(name, value);
                    return;
                }
                throw Errors.propertyNotFound(where, name);
            }
            case PsHashtable h -> h.put(name, value);
            case null -> throw Errors.propertyNotFound(where, name);
            default -> {
                if (t instanceof String && name.equalsIgnoreCase("Length") || t instanceof List<?>
                        && (name.equalsIgnoreCase("Count") || name.equalsIgnoreCase("Length"))) {
                    throw Errors.runtime(where, "System.Management.Automation.SetValueInvocationException",
                            "'" + name + "' is a ReadOnly property.", "PropertyAssignmentException",
                            ErrorCategory.NotSpecified, null);
                }
                throw Errors.propertyNotFound(where, name);
            }
        }
    }

    /** Assignment to a write-through property: PowerShell's conversion to its type, then the object's own setter. */
    private static void setThrough(Interpreter in, PsObject.Settable live, String name, Object value, Extent where) {
        Object converted;
        try {
            converted = Conversions.convertTo(value, live.type(), in.commands());
        } catch (Conversions.ConversionException c) {
            throw Errors.runtime(where, "System.Management.Automation.SetValueInvocationException",
                    "Exception setting \"" + name + "\": \"" + c.getMessage() + "\"", "ExceptionWhenSetting",
                    ErrorCategory.NotSpecified, null);
        }
        try {
            live.setter().set(converted);
        } catch (PsException e) {
            throw Errors.runtime(where, "System.Management.Automation.SetValueInvocationException",
                    "Exception setting \"" + name + "\": \"" + e.getMessage() + "\"", "ExceptionWhenSetting",
                    ErrorCategory.NotSpecified, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ methods

    static Object invoke(Interpreter in, Object target, String name, List<Object> args, Extent where) {
        Object t = AutomationNull.unwrap(target);
        if (t == null) {
            throw Errors.invokeMethodOnNull(where);
        }
        String n = name.toLowerCase(Locale.ROOT);
        try {
            Object r = ownMethod(in, t, n, name, args, where);
            if (r != NO_MEMBER) {
                return r;
            }
            r = universal(in, t, n, args, where);
            if (r != NO_MEMBER) {
                return r;
            }
            if (t instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                boolean any = false;
                for (Object item : list) {
                    Object iv = AutomationNull.unwrap(item);
                    if (iv == null) {
                        continue;
                    }
                    Object ir = ownMethod(in, iv, n, name, args, where);
                    if (ir == NO_MEMBER) {
                        ir = universal(in, iv, n, args, where);
                    }
                    if (ir == NO_MEMBER) {
                        throw Errors.methodNotFound(where, Types.typeOf(iv).fullName(), name);
                    }
                    any = true;
                    if (ir != AutomationNull.VALUE) {
                        out.add(ir);
                    }
                }
                if (any) {
                    return out.isEmpty() ? AutomationNull.VALUE : out.size() == 1 ? out.get(0) : out;
                }
            }
        } catch (MethodFailure f) {
            throw Errors.methodInvocation(where, name, args.size(), f.getMessage(), f.innerType);
        } catch (OverloadException o) {
            throw Errors.runtime(where, "System.Management.Automation.MethodException", "Cannot find an overload for \""
                    + name + "\" and the argument count: \"" + o.count + "\".", "MethodCountCouldNotFindBest",
                    ErrorCategory.NotSpecified, null);
        } catch (Conversions.ConversionException c) {
            throw Errors.runtime(where, "System.Management.Automation.MethodException", "Cannot convert argument, for \""
                    + name + "\": \"" + c.getMessage() + "\"", "MethodArgumentConversionInvalidCastArgument",
                    ErrorCategory.NotSpecified, null);
        }
        throw Errors.methodNotFound(where, typeNameForError(t), name);
    }

    private static String typeNameForError(Object t) {
        if (t instanceof List<?> && !(t instanceof PsList)) {
            return "System.Object[]";
        }
        return Types.typeOf(t).fullName();
    }

    static OverloadException overload(String name, int count) {
        return new OverloadException(name, count);
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new OverloadException(name, args.size());
        }
    }

    /** No overload takes that many arguments: PowerShell reports it as a MethodException, not an invocation failure. */
    static final class OverloadException extends RuntimeException {
        final String method;
        final int count;

        OverloadException(String method, int count) {
            super(null, null, false, false);
            this.method = method;
            this.count = count;
        }
    }

    private static int intArg(List<Object> args, int i) {
        return (Integer) Conversions.convertTo(args.get(i), PsType.INT32, null);
    }

    private static String strArg(List<Object> args, int i) {
        return Conversions.toStr(args.get(i));
    }

    private static Object universal(Interpreter in, Object t, String n, List<Object> args, Extent where) {
        switch (n) {
            case "gettype":
                arity("GetType", args, 0, 0);
                return Types.typeOf(t);
            case "tostring":
                if (args.isEmpty()) {
                    return toStringMethod(t);
                }
                return DotNetFormat.formatValue(t, strArg(args, 0));
            case "equals":
                arity("Equals", args, 1, 1);
                return Operators.equalsValue(t, args.get(0), false, in.commands())
                        && !(t instanceof String s && !s.equals(Conversions.toStr(args.get(0))));
            case "gethashcode":
                return t.hashCode();
            case "where":
                return magicWhere(in, t, args, where);
            case "foreach":
                return magicForEach(in, t, args, where);
            default:
                return NO_MEMBER;
        }
    }

    /** .NET ToString(): numbers and dates use the en-US culture; collections show their type name. */
    static String toStringMethod(Object t) {
        Instant i = UtcDateTime.of(t);
        if (i != null) {
            return DotNetFormat.formatDate(i, t instanceof UtcDateTime, "G");
        }
        if (t instanceof List<?> l) {
            return l instanceof PsList pl ? pl.type().fullName() : "System.Object[]";
        }
        if (t instanceof PsObject o && o.toStringValue() == null && !o.typeNames().isEmpty()
                && o.typeNames().get(0).equals(Types.PSCUSTOMOBJECT.fullName())) {
            return "";
        }
        return Conversions.toStr(t);
    }

    private static Object magicWhere(Interpreter in, Object t, List<Object> args, Extent where) {
        if (args.isEmpty() || !(args.get(0) instanceof ScriptBlock sb)) {
            throw overload("Where", args.size());
        }
        String mode = args.size() > 1 ? Conversions.toStr(args.get(1)) : "Default";
        int count = args.size() > 2 ? intArg(args, 2) : 0;
        List<Object> out = new ArrayList<>();
        List<Object> items = t instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(t));
        boolean split = mode.equalsIgnoreCase("Split");
        List<Object> rest = new ArrayList<>();
        for (Object item : items) {
            boolean ok = Conversions.isTrue(in.invokeForValue(sb, item, List.of()));
            if (ok && (count == 0 || out.size() < count)) {
                out.add(item);
                if (mode.equalsIgnoreCase("First") && count == 0) {
                    break;
                }
            } else if (split) {
                rest.add(item);
            }
        }
        if (mode.equalsIgnoreCase("Last") && !out.isEmpty()) {
            return new ArrayList<>(List.of(out.get(out.size() - 1)));
        }
        if (split) {
            return new ArrayList<>(List.of(out, rest));
        }
        return out;
    }

    private static Object magicForEach(Interpreter in, Object t, List<Object> args, Extent where) {
        if (args.isEmpty()) {
            throw overload("ForEach", 0);
        }
        List<Object> items = t instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(t));
        List<Object> out = new ArrayList<>();
        Object first = args.get(0);
        if (first instanceof ScriptBlock sb) {
            for (Object item : items) {
                out.addAll(in.invokeCollect(sb, item, args.subList(1, args.size())));
            }
            return out;
        }
        if (first instanceof PsType type) {
            for (Object item : items) {
                out.add(Conversions.convertTo(item, type, in.commands()));
            }
            return out;
        }
        String member = Conversions.toStr(first);
        for (Object item : items) {
            Object v = args.size() > 1 ? invoke(in, item, member, args.subList(1, args.size()), where)
                    : get(in, item, member, where);
            if (v instanceof List<?> vl) {
                out.addAll(vl);
            } else if (v != AutomationNull.VALUE) {
                out.add(v);
            }
        }
        return out;
    }

    private static Object ownMethod(Interpreter in, Object t, String n, String name, List<Object> args, Extent where) {
        switch (t) {
            case String s:
                return StringMethods.invoke(s, n, name, args);
            case PsList l:
                return listMethod(in, l, n, args, true);
            case List<?> l:
                return listMethod(in, l, n, args, false);
            case PsHashtable h:
                return hashtableMethod(in, h, n, args);
            case PsObject o: {
                var m = o.method(name);
                if (m.isPresent()) {
                    try {
                        Object r = m.get().invoke(args);
                        return r == null ? AutomationNull.VALUE : r;
                    } catch (PsException e) {
                        throw new TerminatingError(new PsError(e.record(), PsError.Invocation.statement(where), ""),
                                false);
                    }
                }
                return NO_MEMBER;
            }
            case ScriptBlock sb:
                return switch (n) {
                    case "invoke" -> in.invokeCollect(sb, null, args);
                    case "invokereturnasis" -> in.invokeForValue(sb, null, args);
                    case "getnewclosure" -> sb;
                    default -> NO_MEMBER;
                };
            case PsEnum.Value e:
                if (n.equals("hasflag")) {
                    arity("HasFlag", args, 1, 1);
                    long f = Conversions.toEnum(args.get(0), e.type()).number();
                    return (e.number() & f) == f;
                }
                if (n.equals("compareto")) {
                    return Long.compare(e.number(), Conversions.toEnum(args.get(0), e.type()).number());
                }
                return NO_MEMBER;
            case PsError e:
                return NO_MEMBER;
            case ErrorViews.ExceptionView x:
                return n.equals("getbaseexception") ? x : NO_MEMBER;
            case ErrorViews.CategoryInfoView c:
                return n.equals("getmessage") ? ErrorViews.categoryInfoText(c.error()) : NO_MEMBER;
            case RegexValues.RegexValue r:
                return regexMethod(in, r, n, args, where);
            case UUID g:
                return NO_MEMBER;
            case Duration d:
                return switch (n) {
                    case "add" -> d.plus((Duration) Conversions.convertTo(args.get(0), PsType.TIMESPAN, null));
                    case "subtract" -> d.minus((Duration) Conversions.convertTo(args.get(0), PsType.TIMESPAN, null));
                    case "negate" -> d.negated();
                    case "duration" -> d.abs();
                    case "compareto" -> d.compareTo((Duration) Conversions.convertTo(args.get(0), PsType.TIMESPAN, null));
                    default -> NO_MEMBER;
                };
            case PsType ty:
                return switch (n) {
                    case "isinstanceoftype" -> Types.isInstance(args.get(0), ty, in.commands());
                    case "getenumnames", "getenumvalues" -> ty instanceof PsType.Enum en
                            ? new ArrayList<>(en.spec().members().keySet()) : new ArrayList<>();
                    default -> NO_MEMBER;
                };
            default:
                break;
        }
        Instant i = UtcDateTime.of(t);
        if (i != null) {
            return dateMethod(t, i, n, args);
        }
        if (Conversions.isNumber(t)) {
            if (n.equals("compareto")) {
                return Operators.numericCompare(t, Operators.toNumber(args.get(0), Types.typeOf(t), where));
            }
        }
        return NO_MEMBER;
    }

    private static Object listMethod(Interpreter in, List<?> l0, String n, List<Object> args, boolean growable) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) l0;
        switch (n) {
            case "contains":
                arity("Contains", args, 1, 1);
                for (Object o : l) {
                    if (Operators.equalsValue(o, args.get(0), false, in.commands())) {
                        return true;
                    }
                }
                return false;
            case "indexof":
                for (int i = 0; i < l.size(); i++) {
                    if (Operators.equalsValue(l.get(i), args.get(0), false, in.commands())) {
                        return i;
                    }
                }
                return -1;
            case "add":
                arity("Add", args, 1, 1);
                if (!growable) {
                    throw new MethodFailure("Collection was of a fixed size.", "NotSupportedException");
                }
                l.add(args.get(0));
                PsList pl = (PsList) l0;
                return pl.type().equals(Types.ARRAYLIST) ? (Object) (l.size() - 1) : AutomationNull.VALUE;
            case "addrange":
                if (!growable) {
                    throw new MethodFailure("Collection was of a fixed size.", "NotSupportedException");
                }
                l.addAll(Conversions.enumerateAll(args.get(0)));
                return AutomationNull.VALUE;
            case "remove":
                if (!growable) {
                    throw new MethodFailure("Collection was of a fixed size.", "NotSupportedException");
                }
                for (int i = 0; i < l.size(); i++) {
                    if (Operators.equalsValue(l.get(i), args.get(0), false, in.commands())) {
                        l.remove(i);
                        return growable && ((PsList) l0).type().equals(Types.ARRAYLIST) ? AutomationNull.VALUE : true;
                    }
                }
                return ((PsList) l0).type().equals(Types.ARRAYLIST) ? AutomationNull.VALUE : false;
            case "removeat":
                if (!growable) {
                    throw new MethodFailure("Collection was of a fixed size.", "NotSupportedException");
                }
                l.remove(intArg(args, 0));
                return AutomationNull.VALUE;
            case "insert":
                if (!growable) {
                    throw new MethodFailure("Collection was of a fixed size.", "NotSupportedException");
                }
                l.add(intArg(args, 0), args.get(1));
                return AutomationNull.VALUE;
            case "clear":
                if (growable) {
                    l.clear();
                } else {
                    for (int i = 0; i < l.size(); i++) {
                        l.set(i, null);
                    }
                }
                return AutomationNull.VALUE;
            case "toarray":
                return new ArrayList<>(l);
            case "clone":
                return growable ? new PsList(((PsList) l0).type(), l) : new ArrayList<>(l);
            case "reverse":
                if (growable) {
                    java.util.Collections.reverse(l);
                    return AutomationNull.VALUE;
                }
                return NO_MEMBER;
            default:
                return NO_MEMBER;
        }
    }

    private static Object hashtableMethod(Interpreter in, PsHashtable h, String n, List<Object> args) {
        switch (n) {
            case "containskey", "contains":
                arity("ContainsKey", args, 1, 1);
                return h.containsKey(AutomationNull.unwrap(args.get(0)));
            case "containsvalue":
                for (Map.Entry<Object, Object> e : h.entrySet()) {
                    if (Operators.equalsValue(e.getValue(), args.get(0), false, in.commands())) {
                        return true;
                    }
                }
                return false;
            case "add": {
                arity("Add", args, 2, 2);
                Object key = AutomationNull.unwrap(args.get(0));
                if (key == null) {
                    throw new MethodFailure("Key cannot be null.\r\nParameter name: key", "ArgumentNullException");
                }
                if (h.containsKey(key)) {
                    throw new MethodFailure("Item has already been added. Key in dictionary: '" + Conversions.toStr(key)
                            + "'  Key being added: '" + Conversions.toStr(key) + "'", "ArgumentException");
                }
                h.put(key, args.get(1));
                return AutomationNull.VALUE;
            }
            case "remove":
                h.remove(AutomationNull.unwrap(args.get(0)));
                return AutomationNull.VALUE;
            case "clear": {
                for (Object k : new ArrayList<>(h.entrySet().stream().map(Map.Entry::getKey).toList())) {
                    h.remove(k);
                }
                return AutomationNull.VALUE;
            }
            case "clone": {
                PsHashtable c = new PsHashtable(h.ordered());
                for (Map.Entry<Object, Object> e : h.entrySet()) {
                    c.put(e.getKey(), e.getValue());
                }
                return c;
            }
            case "getenumerator": {
                List<Object> out = new ArrayList<>();
                for (Map.Entry<Object, Object> e : h.entrySet()) {
                    out.add(dictionaryEntry(e.getKey(), e.getValue()));
                }
                return new EnumeratorList(out);
            }
            default:
                return NO_MEMBER;
        }
    }

    /** What {@code GetEnumerator()} returns: unrolled by the pipeline like any enumerator. */
    static final class EnumeratorList extends ArrayList<Object> {
        EnumeratorList(List<Object> items) {
            super(items);
        }
    }

    static PsObject dictionaryEntry(Object key, Object value) {
        PsObject o = PsObject.of(Types.DICTIONARY_ENTRY.fullName());
        o.put("Name", key);
        o.put("Key", key);
        o.put("Value", value);
        o.toStringValue(Types.DICTIONARY_ENTRY.fullName());
        return o;
    }

    private static Object regexMethod(Interpreter in, RegexValues.RegexValue r, String n, List<Object> args,
                                      Extent where) {
        switch (n) {
            case "match": {
                Matcher m = r.pattern().matcher(strArg(args, 0));
                if (args.size() > 1) {
                    m.region(intArg(args, 1), strArg(args, 0).length());
                }
                return m.find() ? RegexValues.toMatch(r, m) : RegexValues.noMatch();
            }
            case "matches": {
                Matcher m = r.pattern().matcher(strArg(args, 0));
                List<Object> out = new ArrayList<>();
                while (m.find()) {
                    out.add(RegexValues.toMatch(r, m));
                }
                return out;
            }
            case "ismatch":
                return r.pattern().matcher(strArg(args, 0)).find();
            case "replace":
                arity("Replace", args, 2, 2);
                if (args.get(1) instanceof ScriptBlock sb) {
                    return RegexValues.replace(strArg(args, 0), r,
                            m -> Conversions.toStr(in.invokeForValue(sb, null, List.of(m))));
                }
                return RegexValues.replace(strArg(args, 0), r, strArg(args, 1));
            case "split":
                return new ArrayList<Object>(RegexValues.split(strArg(args, 0), r, 0));
            default:
                return NO_MEMBER;
        }
    }

    private static Object dateMethod(Object t, Instant i, String n, List<Object> args) {
        switch (n) {
            case "addseconds", "addminutes", "addhours", "adddays", "addmilliseconds", "addticks": {
                arity(n, args, 1, 1);
                double amount = Conversions.toDouble(Conversions.convertTo(args.get(0), PsType.DOUBLE, null));
                double unitNanos = switch (n) {
                    case "addseconds" -> 1e9;
                    case "addminutes" -> 60e9;
                    case "addhours" -> 3600e9;
                    case "adddays" -> 86400e9;
                    case "addmilliseconds" -> 1e6;
                    default -> 100;
                };
                double ms = Math.round(amount * unitNanos / 1e6);
                long nanos = n.equals("addticks") ? (long) amount * 100 : (long) ms * 1_000_000L;
                return rewrap(t, i.plusNanos(nanos));
            }
            case "addmonths", "addyears": {
                int amount = intArg(args, 0);
                LocalDateTime d = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                d = n.equals("addmonths") ? d.plusMonths(amount) : d.plusYears(amount);
                return rewrap(t, d.toInstant(ZoneOffset.UTC));
            }
            case "touniversaltime":
                return new UtcDateTime(i);
            case "tolocaltime":
                return i;
            case "toshortdatestring":
                return DotNetFormat.formatDate(i, false, "d");
            case "tolongdatestring":
                return DotNetFormat.formatDate(i, false, "D");
            case "toshorttimestring":
                return DotNetFormat.formatDate(i, false, "t");
            case "tolongtimestring":
                return DotNetFormat.formatDate(i, false, "T");
            case "subtract": {
                Object a = AutomationNull.unwrap(args.get(0));
                Instant other = UtcDateTime.of(a);
                if (other != null) {
                    return Duration.between(other, i);
                }
                return rewrap(t, i.minus((Duration) Conversions.convertTo(a, PsType.TIMESPAN, null)));
            }
            case "add":
                return rewrap(t, i.plus((Duration) Conversions.convertTo(args.get(0), PsType.TIMESPAN, null)));
            case "compareto":
                return i.compareTo(UtcDateTime.of(Conversions.convertTo(args.get(0), PsType.DATETIME, null)));
            case "tofiletime", "tofiletimeutc":
                return ticks(i) - 504911232000000000L;
            default:
                return NO_MEMBER;
        }
    }

    /** A value exposed as a property of a number, e.g. for error messages about unsigned values. */
    static long asLong(Object v) {
        return v instanceof PsNumber.Unsigned u ? u.value() : ((Number) v).longValue();
    }
}
