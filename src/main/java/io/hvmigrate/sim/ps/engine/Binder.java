package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.ParameterInfo;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.ps.lang.Extent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PowerShell's parameter binder for one command invocation: named parameters (full names, aliases, unambiguous
 * prefixes), positional arguments, switches, pipeline input by value and by property name, parameter-set resolution
 * and mandatory parameters, with PowerShell's ParameterBindingException texts and error ids.
 */
final class Binder {

    /** An evaluated command argument, in the order written. */
    sealed interface Arg permits Named, Positional {}

    /** {@code -Name}, {@code -Name value} (value not yet attached), or {@code -Name:value}. */
    record Named(String name, Object value, boolean colon, Extent extent, Extent valueExtent) implements Arg {}

    record Positional(Object value, Extent extent) implements Arg {}

    static final List<ParameterInfo> COMMON = List.of(
            common("Verbose", PsType.SWITCH, "vb"),
            common("Debug", PsType.SWITCH, "db"),
            common("ErrorAction", PsType.enumOf(Types.ACTION_PREFERENCE), "ea"),
            common("WarningAction", PsType.enumOf(Types.ACTION_PREFERENCE), "wa"),
            common("InformationAction", PsType.enumOf(Types.ACTION_PREFERENCE), "infa"),
            common("ErrorVariable", PsType.STRING, "ev"),
            common("WarningVariable", PsType.STRING, "wv"),
            common("InformationVariable", PsType.STRING, "iv"),
            common("OutVariable", PsType.STRING, "ov"),
            common("OutBuffer", PsType.INT32, "ob"),
            common("PipelineVariable", PsType.STRING, "pv"));

    private static ParameterInfo common(String name, PsType type, String alias) {
        return new ParameterInfo(name, type, Set.of(alias), Map.of(ParameterInfo.ALL_SETS,
                ParameterInfo.Binding.OPTIONAL_NAMED));
    }

    private final Interpreter in;
    private final String commandName;
    private final String errorIdSuffix;
    private final List<ParameterInfo> parameters;
    private final String defaultSet;
    private final Extent commandExtent;
    private final boolean lenient;
    private final Set<String> allSets = new LinkedHashSet<>();

    /** Bound values by canonical parameter name, in binding order. */
    final Map<String, Object> bound = new LinkedHashMap<>();
    private final Map<String, Object> boundFromCommandLine = new LinkedHashMap<>();
    private final List<Object> remaining = new ArrayList<>();
    private ParameterInfo remainingParameter;
    /** Arguments a simple function did not bind ($args). */
    final List<Object> unbound = new ArrayList<>();
    private Set<String> candidates;
    private Set<String> commandLineCandidates;
    /**
     * For the command line's parameter sets, whether each parameter (by index) takes pipeline input by value ([0])
     * and by property name ([1]) in any of them: the same for every object piped in, so worked out once.
     */
    private boolean[][] fromPipeline;
    String resolvedSet;

    /**
     * @param lenient a simple function (no [CmdletBinding()]): arguments it does not declare go to $args instead of
     *                failing
     */
    Binder(Interpreter in, String commandName, String errorIdSuffix, List<ParameterInfo> declared, String defaultSet,
           Extent commandExtent, boolean withCommonParameters, boolean lenient) {
        this.in = in;
        this.commandName = commandName;
        this.errorIdSuffix = errorIdSuffix;
        List<ParameterInfo> all = new ArrayList<>(declared);
        if (withCommonParameters) {
            all.addAll(COMMON);
        }
        this.parameters = all;
        this.defaultSet = defaultSet;
        this.commandExtent = commandExtent;
        this.lenient = lenient;
        for (ParameterInfo p : declared) {
            for (String s : p.sets().keySet()) {
                if (!s.equals(ParameterInfo.ALL_SETS)) {
                    allSets.add(s);
                }
            }
        }
        if (allSets.isEmpty()) {
            allSets.add(ParameterInfo.ALL_SETS);
        }
    }

    // ------------------------------------------------------------------------------------------------ errors

    TerminatingError bindingError(Extent where, String message, String id, ErrorCategory category, Object target) {
        PsError e = new PsError(new ErrorRecord("System.Management.Automation.ParameterBindingException", message,
                Errors.COR_E_RUNTIME, category, id + "," + errorIdSuffix, target),
                new PsError.Invocation(PsError.Invocation.Kind.CMDLET, commandName, commandName,
                        where == null ? commandExtent : where, null), commandName);
        return new TerminatingError(e, false);
    }

    // ------------------------------------------------------------------------------------------------ lookup

    private boolean inSet(ParameterInfo p, String set) {
        return p.sets().containsKey(set) || p.sets().containsKey(ParameterInfo.ALL_SETS);
    }

    private ParameterInfo.Binding binding(ParameterInfo p, String set) {
        ParameterInfo.Binding b = p.sets().get(set);
        return b != null ? b : p.sets().get(ParameterInfo.ALL_SETS);
    }

    private ParameterInfo find(String name, Extent where) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ParameterInfo p : parameters) {
            if (p.name().equalsIgnoreCase(n)) {
                return p;
            }
            for (String a : p.aliases()) {
                if (a.equalsIgnoreCase(n)) {
                    return p;
                }
            }
        }
        List<ParameterInfo> matches = new ArrayList<>();
        for (ParameterInfo p : parameters) {
            boolean m = p.name().toLowerCase(Locale.ROOT).startsWith(n);
            for (String a : p.aliases()) {
                m |= a.toLowerCase(Locale.ROOT).startsWith(n);
            }
            if (m && !matches.contains(p)) {
                matches.add(p);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (ParameterInfo p : matches) {
                names.append(" -").append(p.name());
            }
            throw bindingError(where, "Parameter cannot be processed because the parameter name '" + name
                    + "' is ambiguous. Possible matches include:" + names + ".", "AmbiguousParameter",
                    ErrorCategory.InvalidArgument, null);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ command line

    /** Binds the command-line arguments: named first, then positional, then narrows the parameter sets. */
    void bindArguments(List<Arg> args) {
        List<Positional> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a instanceof Positional p) {
                positional.add(p);
                continue;
            }
            Named named = (Named) a;
            ParameterInfo p = find(named.name(), named.extent());
            if (p == null) {
                if (lenient) {
                    unbound.add("-" + named.name() + (named.colon() ? ":" : ""));
                    if (named.colon()) {
                        unbound.add(named.value());
                    }
                    continue;
                }
                throw bindingError(named.extent(), "A parameter cannot be found that matches parameter name '"
                        + named.name() + "'.", "NamedParameterNotFound", ErrorCategory.InvalidArgument, null);
            }
            if (bound.containsKey(p.name())) {
                throw bindingError(named.extent(), "Cannot bind parameter because parameter '" + p.name() + "' is "
                        + "specified more than once. To provide multiple values to parameters that can accept multiple "
                        + "values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                        "ParameterAlreadyBound", ErrorCategory.InvalidArgument, null);
            }
            Object value;
            Extent valueExtent = named.valueExtent();
            if (isSwitch(p)) {
                value = named.colon() ? switchValue(p, named.value(), named.valueExtent()) : Boolean.TRUE;
            } else if (named.colon()) {
                value = named.value();
            } else {
                if (i + 1 < args.size() && args.get(i + 1) instanceof Positional next) {
                    value = next.value();
                    valueExtent = next.extent();
                    i++;
                } else {
                    throw bindingError(named.extent(), "Missing an argument for parameter '" + p.name() + "'. Specify a "
                            + "parameter of type '" + p.type().fullName() + "' and try again.", "MissingArgument",
                            ErrorCategory.InvalidArgument, null);
                }
            }
            bound.put(p.name(), isSwitch(p) ? value : convert(p, value, valueExtent == null ? named.extent() : valueExtent,
                    true));
        }
        candidates = new LinkedHashSet<>();
        for (String set : allSets) {
            boolean ok = true;
            for (String name : bound.keySet()) {
                if (!inSet(param(name), set)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                candidates.add(set);
            }
        }
        if (candidates.isEmpty()) {
            throw ambiguousSet();
        }
        for (Positional arg : positional) {
            bindPositional(arg);
        }
        if (remaining.size() > 1 || (remainingParameter != null && !bound.containsKey(remainingParameter.name()))) {
            bound.put(remainingParameter.name(), convert(remainingParameter, new ArrayList<>(remaining),
                    commandExtent, true));
        }
        boundFromCommandLine.putAll(bound);
        commandLineCandidates = new LinkedHashSet<>(candidates);
        fromPipeline = null;
    }

    private ParameterInfo param(String canonical) {
        for (ParameterInfo p : parameters) {
            if (p.name().equals(canonical)) {
                return p;
            }
        }
        throw new IllegalStateException(canonical);
    }

    private static boolean isSwitch(ParameterInfo p) {
        return p.type().equals(PsType.SWITCH);
    }

    private Object switchValue(ParameterInfo p, Object raw, Extent where) {
        Object v = AutomationNull.unwrap(raw);
        if (v instanceof Boolean || v == null || Conversions.isNumber(v)) {
            return Conversions.isTrue(v);
        }
        throw transformationError(p, v, where);
    }

    private TerminatingError transformationError(ParameterInfo p, Object v, Extent where) {
        return bindingError(where, "Cannot process argument transformation on parameter '" + p.name() + "'. Cannot "
                + "convert value \"" + Types.typeOf(v).fullName() + "\" to type \"System.Boolean\". Boolean parameters "
                + "accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                "ParameterArgumentTransformationError", ErrorCategory.InvalidData, null);
    }

    /**
     * Binds one positional argument: to the lowest unbound position of the default set first, then of the other
     * candidate sets; a set whose parameter cannot take the value is skipped, as PowerShell's binder does
     * ({@code ForEach-Object Name} binds -MemberName because "Name" is not a script block).
     */
    private void bindPositional(Positional arg) {
        List<String> order = new ArrayList<>(candidates);
        if (defaultSet != null && order.remove(defaultSet)) {
            order.add(0, defaultSet);
        }
        TerminatingError firstFailure = null;
        // first a parameter the value already fits (a script block goes to -FilterScript, not -Property), then any
        for (int pass = 0; pass < 2; pass++) {
            Set<ParameterInfo> tried = new java.util.HashSet<>();
            for (String set : order) {
                ParameterInfo best = null;
                int bestPos = Integer.MAX_VALUE;
                for (ParameterInfo p : parameters) {
                    if (bound.containsKey(p.name()) || !inSet(p, set) || isSwitch(p)) {
                        continue;
                    }
                    int pos = binding(p, set).position();
                    if (pos >= 0 && pos < bestPos) {
                        bestPos = pos;
                        best = p;
                    }
                }
                if (best == null || !tried.add(best)) {
                    continue;
                }
                if (pass == 0 && !fitsWithoutConversion(best, AutomationNull.unwrap(arg.value()))) {
                    continue;
                }
                Object converted;
                try {
                    converted = convert(best, arg.value(), arg.extent(), true);
                } catch (TerminatingError e) {
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                    continue;
                }
                bound.put(best.name(), converted);
                if (binding(best, set).valueFromRemainingArguments()) {
                    // a positional parameter that also takes the remaining arguments: Write-Host a b
                    remainingParameter = best;
                    remaining.add(AutomationNull.unwrap(arg.value()));
                }
                final ParameterInfo c = best;
                candidates.removeIf(s -> !inSet(c, s));
                return;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        if (remainingParameter != null) {
            remaining.add(AutomationNull.unwrap(arg.value()));
            return;
        }
        for (String set : order) {
            for (ParameterInfo p : parameters) {
                ParameterInfo.Binding b = inSet(p, set) ? binding(p, set) : null;
                if (b != null && b.valueFromRemainingArguments() && !bound.containsKey(p.name())) {
                    remainingParameter = p;
                    remaining.add(AutomationNull.unwrap(arg.value()));
                    return;
                }
            }
        }
        if (lenient) {
            unbound.add(arg.value());
            return;
        }
        Object v = AutomationNull.unwrap(arg.value());
        String shown = v instanceof List<?> ? "System.Object[]" : Conversions.toStr(v);
        throw bindingError(arg.extent(), "A positional parameter cannot be found that accepts argument '" + shown
                + "'.", "PositionalParameterNotFound", ErrorCategory.InvalidArgument, null);
    }

    // ------------------------------------------------------------------------------------------------ conversion

    private Object convert(ParameterInfo p, Object raw, Extent where, boolean fromCommandLine) {
        Object v = AutomationNull.unwrap(raw);
        if (p.type().equals(PsType.BOOLEAN)) {
            if (v instanceof Boolean || Conversions.isNumber(v) || v == null) {
                return Conversions.isTrue(v);
            }
            throw transformationError(p, v, where);
        }
        if (v == null) {
            for (String set : candidates == null ? allSets : candidates) {
                ParameterInfo.Binding b = binding(p, set);
                if (b != null && b.mandatory() && !p.type().equals(PsType.OBJECT)) {
                    throw bindingError(where, "Cannot bind argument to parameter '" + p.name() + "' because it is null.",
                            "ParameterArgumentValidationErrorNullNotAllowed", ErrorCategory.InvalidData, null);
                }
            }
            if (p.type() instanceof PsType.ArrayOf || p.type() instanceof PsType.ObjectOf
                    || p.type().equals(PsType.OBJECT) || p.type().equals(PsType.STRING)
                    || p.type().equals(PsType.SCRIPTBLOCK) || p.type().equals(PsType.HASHTABLE)) {
                return null;
            }
        }
        if (v instanceof String s && s.isEmpty() && p.type().equals(PsType.STRING)) {
            for (String set : candidates == null ? allSets : candidates) {
                ParameterInfo.Binding b = binding(p, set);
                if (b != null && b.mandatory()) {
                    throw bindingError(where, "Cannot bind argument to parameter '" + p.name()
                            + "' because it is an empty string.", "ParameterArgumentValidationErrorEmptyStringNotAllowed",
                            ErrorCategory.InvalidData, null);
                }
            }
        }
        try {
            return Conversions.convertTo(v, p.type(), in.commands());
        } catch (Conversions.ConversionException e) {
            String id = e.getMessage().startsWith("Cannot convert the ") ? "CannotConvertArgument"
                    : "CannotConvertArgumentNoMessage";
            throw bindingError(where, "Cannot bind parameter '" + p.name() + "'. " + e.getMessage(), id,
                    ErrorCategory.InvalidArgument, null);
        }
    }

    /** Whether a value is already of a parameter's type, so it binds from the pipeline without conversion. */
    private boolean fitsWithoutConversion(ParameterInfo p, Object v) {
        if (p.type() instanceof PsType.ArrayOf a && v instanceof List<?> l && !l.isEmpty()) {
            for (Object item : l) {
                if (!fitsWithoutConversion(new ParameterInfo(p.name(), a.element(), p.aliases(), p.sets()),
                        AutomationNull.unwrap(item))) {
                    return false;
                }
            }
            return true;
        }
        PsType t = p.type() instanceof PsType.ArrayOf a ? a.element() : p.type();
        if (t.equals(PsType.OBJECT) || t.equals(Types.PSOBJECT)) {
            return true;
        }
        if (v == null) {
            return false;
        }
        if (t instanceof PsType.ObjectOf o) {
            return v instanceof PsObject po && po.typeNames().stream().anyMatch(n -> n.equalsIgnoreCase(o.fullName()));
        }
        if (t instanceof PsType.Enum e) {
            return v instanceof PsEnum.Value ev && ev.type().fullName().equals(e.fullName());
        }
        if (v instanceof PsNumber.Unsigned u) {
            return u.type().equals(t);
        }
        return Types.sameType(Types.typeOf(v), t);
    }

    // ------------------------------------------------------------------------------------------------ pipeline

    boolean takesPipelineInput() {
        Set<String> sets = commandLineCandidates != null ? commandLineCandidates : candidates;
        for (ParameterInfo p : parameters) {
            for (String set : sets) {
                ParameterInfo.Binding b = binding(p, set);
                if (b != null && (b.valueFromPipeline() || b.valueFromPipelineByPropertyName())
                        && !boundFromCommandLine.containsKey(p.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Binds one pipeline object, after restoring the command-line state. Returns false (after reporting nothing) when
     * the object binds to no parameter; the caller writes PowerShell's InputObjectNotBound error.
     */
    private boolean[][] fromPipeline() {
        if (fromPipeline == null) {
            boolean[][] takes = new boolean[2][parameters.size()];
            for (int i = 0; i < parameters.size(); i++) {
                for (String set : commandLineCandidates) {
                    ParameterInfo.Binding b = binding(parameters.get(i), set);
                    if (b != null) {
                        takes[0][i] |= b.valueFromPipeline();
                        takes[1][i] |= b.valueFromPipelineByPropertyName();
                    }
                }
            }
            fromPipeline = takes;
        }
        return fromPipeline;
    }

    boolean bindPipelineObject(Object input, Extent where) {
        bound.clear();
        bound.putAll(boundFromCommandLine);
        candidates = new LinkedHashSet<>(commandLineCandidates);
        Object v = AutomationNull.unwrap(input);
        boolean any = false;
        boolean[][] takesAny = fromPipeline();
        for (int pass = 0; pass < 4 && !any; pass++) {
            boolean byValue = pass == 0 || pass == 2;
            boolean convert = pass >= 2;
            boolean boundByValue = false;
            for (int i = 0; i < parameters.size(); i++) {
                ParameterInfo p = parameters.get(i);
                // the sets only narrow while an object binds: a parameter no command-line set lets take it never does
                if (!takesAny[byValue ? 0 : 1][i] || bound.containsKey(p.name())) {
                    continue;
                }
                boolean takes = false;
                for (String set : candidates) {
                    ParameterInfo.Binding b = binding(p, set);
                    if (b != null && (byValue ? b.valueFromPipeline() : b.valueFromPipelineByPropertyName())) {
                        takes = true;
                        break;
                    }
                }
                if (!takes) {
                    continue;
                }
                Object candidate;
                if (byValue) {
                    if (boundByValue) {
                        continue;
                    }
                    candidate = v;
                } else {
                    Object prop = property(v, p);
                    if (prop == Members.NO_MEMBER) {
                        continue;
                    }
                    candidate = prop;
                }
                Object converted;
                if (!convert) {
                    if (!fitsWithoutConversion(p, AutomationNull.unwrap(candidate))) {
                        continue;
                    }
                    converted = p.type() instanceof PsType.ArrayOf ? Conversions.convertTo(candidate, p.type(),
                            in.commands()) : AutomationNull.unwrap(candidate);
                } else {
                    try {
                        converted = convert(p, candidate, where, false);
                    } catch (TerminatingError e) {
                        continue;
                    }
                }
                bound.put(p.name(), converted);
                any = true;
                if (byValue) {
                    boundByValue = true;
                }
                final ParameterInfo bp = p;
                Set<String> narrowed = new LinkedHashSet<>(candidates);
                narrowed.removeIf(s -> {
                    ParameterInfo.Binding b = binding(bp, s);
                    return b == null || !(b.valueFromPipeline() || b.valueFromPipelineByPropertyName());
                });
                if (!narrowed.isEmpty()) {
                    candidates = narrowed;
                }
            }
        }
        return any;
    }

    private Object property(Object v, ParameterInfo p) {
        if (v instanceof PsObject o) {
            if (o.has(p.name())) {
                return o.get(p.name()).orElse(null);
            }
            for (String a : p.aliases()) {
                if (o.has(a)) {
                    return o.get(a).orElse(null);
                }
            }
            return Members.NO_MEMBER;
        }
        if (v instanceof io.hvmigrate.sim.ps.PsHashtable) {
            return Members.NO_MEMBER;
        }
        if (v == null) {
            return Members.NO_MEMBER;
        }
        Object r = Members.get(in, v, p.name(), commandExtent);
        return r == null ? Members.NO_MEMBER : r;
    }

    // ------------------------------------------------------------------------------------------------ resolution

    private TerminatingError ambiguousSet() {
        return bindingError(commandExtent, "Parameter set cannot be resolved using the specified named parameters.",
                "AmbiguousParameterSet", ErrorCategory.InvalidArgument, null);
    }

    private List<String> missingMandatory(String set) {
        List<String> missing = new ArrayList<>();
        for (ParameterInfo p : parameters) {
            ParameterInfo.Binding b = binding(p, set);
            if (b != null && b.mandatory() && !bound.containsKey(p.name())) {
                missing.add(p.name());
            }
        }
        return missing;
    }

    /**
     * Picks the parameter set and checks mandatory parameters. {@code pipelinePending}: the command still expects
     * pipeline input, so mandatory parameters that the pipeline can bind are not missing yet.
     */
    void resolve(boolean pipelinePending) {
        String set;
        if (candidates.size() == 1) {
            set = candidates.iterator().next();
        } else {
            List<String> satisfied = new ArrayList<>();
            for (String s : candidates) {
                if (missingMandatory(s).isEmpty()) {
                    satisfied.add(s);
                }
            }
            if (defaultSet != null && candidates.contains(defaultSet)
                    && (satisfied.isEmpty() || satisfied.contains(defaultSet) || pipelinePending)) {
                set = defaultSet;
            } else if (satisfied.size() == 1) {
                set = satisfied.get(0);
            } else if (pipelinePending) {
                resolvedSet = null;
                return;
            } else {
                throw ambiguousSet();
            }
        }
        if (pipelinePending) {
            resolvedSet = set;
            return;
        }
        List<String> missing = missingMandatory(set);
        if (!missing.isEmpty()) {
            throw bindingError(commandExtent, "Cannot process command because of one or more missing mandatory "
                    + "parameters: " + String.join(" ", missing) + ".", "MissingMandatoryParameter",
                    ErrorCategory.InvalidArgument, null);
        }
        resolvedSet = set;
    }

    /** The set name CommandContext reports: the implicit set is "__AllParameterSets". */
    String parameterSetName() {
        return resolvedSet == null ? ParameterInfo.ALL_SETS : resolvedSet;
    }

    PsError inputNotBound(Object input, Extent where) {
        return new PsError(new ErrorRecord("System.Management.Automation.ParameterBindingException",
                "The input object cannot be bound to any parameters for the command either because the command does "
                        + "not take pipeline input or the input and its properties do not match any of the parameters "
                        + "that take pipeline input.", Errors.COR_E_RUNTIME, ErrorCategory.InvalidArgument,
                "InputObjectNotBound," + errorIdSuffix, AutomationNull.unwrap(input)),
                new PsError.Invocation(PsError.Invocation.Kind.CMDLET, commandName, commandName, where, null),
                commandName);
    }
}
