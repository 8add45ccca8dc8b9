package io.hvmigrate.sim.ps.exe;

import io.hvmigrate.sim.ps.ScriptOutput;

/**
 * The CLIXML powershell.exe writes to stderr when started with -EncodedCommand: {@code #< CLIXML}, then an
 * {@code <Objs>} element holding {@code <S S="Error">} lines (each with its CRLF encoded as {@code _x000D__x000A_}),
 * {@code <S S="warning">} and {@code <S S="verbose">} messages and progress records; {@code </Objs>} at exit.
 */
final class Clixml {
    static final String HEADER = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">";
    static final String FOOTER = "</Objs>";

    private int refId;

    String string(String stream, String text) {
        return "<S S=\"" + stream + "\">" + encode(text) + "</S>";
    }

    String progress(ScriptOutput.Progress p) {
        StringBuilder b = new StringBuilder();
        int id = refId++;
        b.append("<Obj S=\"progress\" RefId=\"").append(id).append("\">");
        if (id == 0) {
            b.append("<TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>");
        } else {
            b.append("<TNRef RefId=\"0\" />");
        }
        b.append("<MS><I64 N=\"SourceId\">").append(p.sourceId()).append("</I64><PR N=\"Record\">");
        b.append("<AV>").append(encode(p.activity())).append("</AV>");
        b.append("<AI>").append(p.activityId()).append("</AI>");
        if (p.currentOperation() == null) {
            b.append("<Nil />");
        } else {
            b.append("<S>").append(encode(p.currentOperation())).append("</S>");
        }
        b.append("<PI>").append(p.parentActivityId()).append("</PI>");
        b.append("<PC>").append(p.percentComplete()).append("</PC>");
        b.append("<T>").append(p.completed() ? "Completed" : "Processing").append("</T>");
        b.append("<SR>").append(p.secondsRemaining()).append("</SR>");
        b.append("<SD>").append(encode(p.statusDescription())).append("</SD>");
        b.append("</PR></MS></Obj>");
        return b.toString();
    }

    /**
     * PowerShell's serializer string encoding: XML escapes, control characters as {@code _xHHHH_}, and an underscore
     * that would read as the start of such an escape as {@code _x005F_}.
     */
    static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '_' -> {
                    if (i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                        b.append("_x005F_");
                    } else {
                        b.append('_');
                    }
                }
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        b.append(String.format("_x%04X_", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
