package io.hvmigrate.sim.ps.engine;

import io.hvmigrate.sim.ps.PsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The System.String methods scripts call; like .NET they compare case-sensitively unless told otherwise. */
final class StringMethods {
    private StringMethods() {}

    private static final Object NONE = new Object();

    static Object invoke(String s, String n, String name, List<Object> args) {
        Object r = dispatch(s, n, name, args);
        return r == NONE ? Members.NO_MEMBER : r;
    }

    private static int intArg(List<Object> args, int i) {
        return (Integer) Conversions.convertTo(args.get(i), PsType.INT32, null);
    }

    private static String str(List<Object> args, int i) {
        return Conversions.toStr(args.get(i));
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new Members.OverloadException(name, args.size());
        }
    }

    private static boolean ignoreCase(List<Object> args, int i) {
        if (args.size() <= i) {
            return false;
        }
        String c = Conversions.toStr(args.get(i));
        return c.toLowerCase(Locale.ROOT).contains("ignorecase") || c.equals("1") || c.equals("3") || c.equals("5");
    }

    private static Object dispatch(String s, String n, String name, List<Object> args) {
        switch (n) {
            case "toupper", "toupperinvariant":
                return s.toUpperCase(Locale.ROOT);
            case "tolower", "tolowerinvariant":
                return s.toLowerCase(Locale.ROOT);
            case "trim":
                return args.isEmpty() ? s.strip() : trim(s, chars(args), true, true);
            case "trimstart":
                return args.isEmpty() ? s.stripLeading() : trim(s, chars(args), true, false);
            case "trimend":
                return args.isEmpty() ? s.stripTrailing() : trim(s, chars(args), false, true);
            case "contains":
                arity("Contains", args, 1, 1);
                return s.contains(str(args, 0));
            case "startswith":
                arity("StartsWith", args, 1, 3);
                return ignoreCase(args, 1) ? s.toLowerCase(Locale.ROOT).startsWith(str(args, 0).toLowerCase(Locale.ROOT))
                        : s.startsWith(str(args, 0));
            case "endswith":
                arity("EndsWith", args, 1, 3);
                return ignoreCase(args, 1) ? s.toLowerCase(Locale.ROOT).endsWith(str(args, 0).toLowerCase(Locale.ROOT))
                        : s.endsWith(str(args, 0));
            case "indexof": {
                arity("IndexOf", args, 1, 3);
                String what = str(args, 0);
                int from = args.size() > 1 && !(args.get(1) instanceof String) ? intArg(args, 1) : 0;
                if (from < 0 || from > s.length()) {
                    throw new Members.MethodFailure("Index was out of range. Must be non-negative and less than the size "
                            + "of the collection.\r\nParameter name: startIndex", "ArgumentOutOfRangeException");
                }
                if (ignoreCase(args, args.size() - 1)) {
                    return s.toLowerCase(Locale.ROOT).indexOf(what.toLowerCase(Locale.ROOT), from);
                }
                return s.indexOf(what, from);
            }
            case "lastindexof":
                arity("LastIndexOf", args, 1, 2);
                return s.lastIndexOf(str(args, 0));
            case "indexofany": {
                String set = Conversions.toStr(args.get(0), "");
                for (int i = 0; i < s.length(); i++) {
                    if (set.indexOf(s.charAt(i)) >= 0) {
                        return i;
                    }
                }
                return -1;
            }
            case "substring": {
                arity("Substring", args, 1, 2);
                int start = intArg(args, 0);
                if (start < 0 || start > s.length()) {
                    throw new Members.MethodFailure("startIndex cannot be larger than length of string.\r\nParameter name: "
                            + "startIndex", "ArgumentOutOfRangeException");
                }
                if (args.size() == 1) {
                    return s.substring(start);
                }
                int len = intArg(args, 1);
                if (len < 0 || start + len > s.length()) {
                    throw new Members.MethodFailure("Index and length must refer to a location within the string.\r\n"
                            + "Parameter name: length", "ArgumentOutOfRangeException");
                }
                return s.substring(start, start + len);
            }
            case "replace": {
                arity("Replace", args, 2, 2);
                String old = str(args, 0);
                if (old.isEmpty()) {
                    throw new Members.MethodFailure("String cannot be of zero length.\r\nParameter name: oldValue",
                            "ArgumentException");
                }
                return s.replace(old, str(args, 1));
            }
            case "split":
                return split(s, args);
            case "insert":
                arity("Insert", args, 2, 2);
                return s.substring(0, intArg(args, 0)) + str(args, 1) + s.substring(intArg(args, 0));
            case "remove": {
                arity("Remove", args, 1, 2);
                int start = intArg(args, 0);
                if (start < 0 || start > s.length()) {
                    throw new Members.MethodFailure("startIndex must be less than length of string.\r\nParameter name: "
                            + "startIndex", "ArgumentOutOfRangeException");
                }
                if (args.size() == 1) {
                    return s.substring(0, start);
                }
                return s.substring(0, start) + s.substring(Math.min(s.length(), start + intArg(args, 1)));
            }
            case "padleft", "padright": {
                arity(name, args, 1, 2);
                int w = intArg(args, 0);
                char c = args.size() > 1 ? Conversions.toStr(args.get(1)).charAt(0) : ' ';
                if (s.length() >= w) {
                    return s;
                }
                String pad = String.valueOf(c).repeat(w - s.length());
                return n.equals("padleft") ? pad + s : s + pad;
            }
            case "tochararray": {
                List<Object> out = new ArrayList<>();
                for (char c : s.toCharArray()) {
                    out.add(c);
                }
                return out;
            }
            case "compareto":
                return Integer.signum(s.compareTo(str(args, 0)));
            case "equals":
                arity("Equals", args, 1, 2);
                return ignoreCase(args, 1) ? s.equalsIgnoreCase(str(args, 0)) : s.equals(str(args, 0));
            case "clone":
                return s;
            case "normalize":
                return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
            case "getenumerator": {
                List<Object> out = new ArrayList<>();
                for (char c : s.toCharArray()) {
                    out.add(c);
                }
                return new Members.EnumeratorList(out);
            }
            default:
                return NONE;
        }
    }

    private static String chars(List<Object> args) {
        StringBuilder b = new StringBuilder();
        for (Object a : args) {
            Object v = AutomationNull.unwrap(a);
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    b.append(Conversions.toStr(o));
                }
            } else {
                b.append(Conversions.toStr(v));
            }
        }
        return b.toString();
    }

    private static String trim(String s, String set, boolean start, boolean end) {
        int a = 0;
        int b = s.length();
        while (start && a < b && set.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (end && b > a && set.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * String.Split as PowerShell 5.1 calls it: a string argument is a char[] of separators (so ",;" splits on both
     * characters); a string[] argument splits on whole strings; StringSplitOptions.RemoveEmptyEntries drops empties.
     */
    private static Object split(String s, List<Object> args) {
        boolean removeEmpty = false;
        int max = Integer.MAX_VALUE;
        List<String> stringSeparators = null;
        String charSeparators = null;
        for (int i = 0; i < args.size(); i++) {
            Object a = AutomationNull.unwrap(args.get(i));
            if (i == 0) {
                if (a instanceof List<?> l) {
                    stringSeparators = new ArrayList<>();
                    for (Object o : l) {
                        stringSeparators.add(Conversions.toStr(o));
                    }
                    boolean allChars = l.stream().allMatch(o -> o instanceof Character);
                    if (allChars) {
                        charSeparators = String.join("", stringSeparators);
                        stringSeparators = null;
                    }
                } else if (a == null) {
                    charSeparators = null;
                } else {
                    charSeparators = Conversions.toStr(a);
                }
            } else {
                String opt = Conversions.toStr(a);
                if (opt.equalsIgnoreCase("RemoveEmptyEntries") || opt.equals("1")) {
                    removeEmpty = true;
                } else if (Conversions.isNumber(a)) {
                    max = ((Number) a).intValue();
                }
            }
        }
        List<Object> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i <= s.length()) {
            if (out.size() == max - 1) {
                break;
            }
            int sepLen = 0;
            if (i < s.length()) {
                if (stringSeparators != null) {
                    for (String sep : stringSeparators) {
                        if (!sep.isEmpty() && s.startsWith(sep, i)) {
                            sepLen = sep.length();
                            break;
                        }
                    }
                } else if (charSeparators == null || charSeparators.isEmpty()) {
                    sepLen = Character.isWhitespace(s.charAt(i)) ? 1 : 0;
                } else if (charSeparators.indexOf(s.charAt(i)) >= 0) {
                    sepLen = 1;
                }
            }
            if (sepLen > 0) {
                String piece = s.substring(start, i);
                if (!(removeEmpty && piece.isEmpty())) {
                    out.add(piece);
                }
                i += sepLen;
                start = i;
            } else {
                i++;
            }
        }
        String last = s.substring(Math.min(start, s.length()));
        if (!(removeEmpty && last.isEmpty())) {
            out.add(last);
        }
        return out;
    }
}
