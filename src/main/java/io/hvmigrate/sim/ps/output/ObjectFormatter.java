package io.hvmigrate.sim.ps.output;

import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsError;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsNumber;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.engine.AutomationNull;
import io.hvmigrate.sim.ps.engine.Conversions;
import io.hvmigrate.sim.ps.engine.DotNetFormat;
import io.hvmigrate.sim.ps.engine.PsList;
import io.hvmigrate.sim.ps.engine.UtcDateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Out-Default's rendering of objects as a console shows them, approximately: strings and numbers as themselves,
 * hashtables as a Name/Value table, objects with up to four properties as a table (one header per run of objects of
 * the same shape) and larger ones as a list. Streaming: each object is rendered as it arrives.
 */
public final class ObjectFormatter {
    private final int width;
    private List<String> tableColumns;
    private int[] tableWidths;
    private String tableType;
    private boolean lastWasList;

    public ObjectFormatter(int width) {
        this.width = width;
    }

    /** The lines for one object; may first close a table or list begun by earlier objects. */
    public List<String> format(Object value) {
        Object v = AutomationNull.unwrap(value);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof PsError e) {
            closeGroup(out);
            out.addAll(ErrorView.lines(e));
            return out;
        }
        if (isScalar(v)) {
            closeGroup(out);
            out.add(scalar(v));
            return out;
        }
        if (v instanceof UUID g) {
            return tableRow("System.Guid", List.of("Guid"), List.of(g.toString()), out);
        }
        if (v instanceof PsHashtable h) {
            closeGroup(out);
            out.add("");
            out.add(pad("Name", 30) + " Value");
            out.add(pad("----", 30) + " -----");
            for (Map.Entry<Object, Object> e : h.entrySet()) {
                out.add(truncate(pad(cell(e.getKey()), 30) + " " + cell(e.getValue())));
            }
            out.add("");
            return out;
        }
        if (v instanceof List<?> l) {
            for (Object item : l) {
                out.addAll(format(item));
            }
            return out;
        }
        if (v instanceof PsObject o) {
            List<String> names = o.propertyNames();
            if (names.isEmpty()) {
                closeGroup(out);
                String s = Conversions.toStr(o);
                if (!s.equals("@{}")) {
                    out.add(s);
                }
                return out;
            }
            List<String> values = new ArrayList<>();
            for (String n : names) {
                values.add(cell(o.get(n).orElse(null)));
            }
            if (names.size() <= 4) {
                return tableRow(o.typeNames().isEmpty() ? "" : o.typeNames().get(0) + names, names, values, out);
            }
            return formatList(o);
        }
        closeGroup(out);
        out.add(Conversions.toStr(v));
        return out;
    }

    /** An object in the list layout ({@code Name : value} lines), whatever its number of properties. */
    public List<String> formatList(PsObject o) {
        List<String> out = new ArrayList<>();
        closeTable(out);
        if (!lastWasList) {
            out.add("");
        }
        List<String> names = o.propertyNames();
        int w = 0;
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        for (String n : names) {
            out.addAll(listLine(pad(n, w) + " : ", cell(o.get(n).orElse(null))));
        }
        out.add("");
        lastWasList = true;
        return out;
    }

    /** Lines that end the current table or list at the end of the output. */
    public List<String> finish() {
        List<String> out = new ArrayList<>();
        closeGroup(out);
        return out;
    }

    private void closeGroup(List<String> out) {
        closeTable(out);
        if (lastWasList) {
            out.add("");
            lastWasList = false;
        }
    }

    private void closeTable(List<String> out) {
        if (tableColumns != null) {
            out.add("");
            out.add("");
            tableColumns = null;
            tableWidths = null;
            tableType = null;
        }
    }

    private List<String> tableRow(String type, List<String> names, List<String> values, List<String> out) {
        if (lastWasList) {
            out.add("");
            lastWasList = false;
        }
        if (tableColumns == null || !type.equals(tableType)) {
            closeTable(out);
            tableColumns = names;
            tableType = type;
            tableWidths = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                tableWidths[i] = Math.max(names.get(i).length(), values.get(i).length());
            }
            out.add("");
            out.add(row(names));
            List<String> dashes = new ArrayList<>();
            for (String n : names) {
                dashes.add("-".repeat(n.length()));
            }
            out.add(row(dashes));
        }
        out.add(row(values));
        return out;
    }

    private String row(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i < cells.size() - 1) {
                b.append(pad(c, tableWidths[i])).append(' ');
            } else {
                b.append(c);
            }
        }
        return truncate(b.toString().stripTrailing());
    }

    private String truncate(String s) {
        return s.length() > width - 1 ? s.substring(0, width - 4) + "..." : s;
    }

    private List<String> listLine(String prefix, String value) {
        List<String> out = new ArrayList<>();
        String[] parts = value.replace("\r\n", "\n").split("\n", -1);
        String indent = " ".repeat(prefix.length());
        for (int i = 0; i < parts.length; i++) {
            String line = (i == 0 ? prefix : indent) + parts[i];
            while (line.length() > width - 1) {
                out.add(line.substring(0, width - 1));
                line = indent + line.substring(width - 1);
            }
            out.add(line.stripTrailing());
        }
        return out;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static boolean isScalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof PsEnum.Value || v instanceof PsNumber.Unsigned || UtcDateTime.of(v) != null
                || v instanceof Duration || v instanceof io.hvmigrate.sim.ps.engine.ScriptBlock;
    }

    private static String scalar(Object v) {
        Instant i = UtcDateTime.of(v);
        if (i != null) {
            return "\n" + DotNetFormat.formatDate(i, v instanceof UtcDateTime, "dddd, MMMM d, yyyy h:mm:ss tt") + "\n";
        }
        return Conversions.toStr(v);
    }

    /** A value inside a table or list: collections in braces (at most four items), dates in the en-US culture. */
    static String cell(Object value) {
        Object v = AutomationNull.unwrap(value);
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("{");
            int n = 0;
            for (Object item : l) {
                if (n > 0) {
                    b.append(", ");
                }
                if (n == 4) {
                    b.setLength(b.length() - 2);
                    b.append("...");
                    break;
                }
                b.append(cell(item));
                n++;
            }
            return b.append('}').toString();
        }
        if (v instanceof PsHashtable h) {
            List<Object> keys = new ArrayList<>();
            for (Map.Entry<Object, Object> e : h.entrySet()) {
                keys.add(e.getKey());
            }
            return cell(new PsList(io.hvmigrate.sim.ps.engine.Types.ARRAYLIST, keys));
        }
        Instant i = UtcDateTime.of(v);
        if (i != null) {
            return DotNetFormat.formatDate(i, v instanceof UtcDateTime, "G");
        }
        return Conversions.toStr(v);
    }
}
