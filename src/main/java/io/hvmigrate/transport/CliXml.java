package io.hvmigrate.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * powershell.exe started with {@code -EncodedCommand} and redirected streams writes its error stream as CLIXML
 * ({@code #< CLIXML} then {@code <Objs …><S S="Error">…</S>…</Objs>}). This turns it back into the lines a person
 * would have seen in a console.
 */
public final class CliXml {
    private CliXml() {}

    private static final Pattern ERROR_STRING = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    /** The readable text of a stderr that may be CLIXML; other text is returned as it is, trimmed. */
    public static String readable(String stderr) {
        if (stderr == null) {
            return "";
        }
        String s = stderr.strip();
        if (!s.startsWith("#< CLIXML")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = ERROR_STRING.matcher(s);
        while (m.find()) {
            out.append(unescape(xmlUnescape(m.group(1))));
        }
        return out.toString().replace("\r\n", "\n").strip();
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String xmlUnescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
