package io.hvmigrate.model;

import java.util.Locale;

/** Windows paths as hosts see them: {@code D:\VMs\web01}, {@code C:\ClusterStorage\Volume1\web01}, {@code \\sofs\vms\web01}. */
public final class WindowsPath {
    private WindowsPath() {}

    private static final String INVALID = "<>\"|?*";

    /** Why the text is not an absolute Windows path, or null when it is one. */
    public static String problem(String path) {
        if (path == null || path.isBlank()) {
            return "the path is empty";
        }
        for (char c : path.toCharArray()) {
            if (c < 0x20) {
                return "the path contains a control character";
            }
        }
        String p = path.replace('/', '\\');
        if (p.startsWith("\\\\")) {
            String[] parts = p.substring(2).split("\\\\");
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return "'" + path + "' is not a share path: it needs \\\\server\\share";
            }
            return invalidChars(p.substring(2), path);
        }
        if (p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':' && p.charAt(2) == '\\') {
            return invalidChars(p.substring(3), path);
        }
        return "'" + path + "' is not an absolute Windows path";
    }

    private static String invalidChars(String rest, String path) {
        for (char c : rest.toCharArray()) {
            if (INVALID.indexOf(c) >= 0 || c == ':') {
                return "'" + path + "' contains '" + c + "', which Windows does not allow in a path";
            }
        }
        return null;
    }

    /** Backslashes, no trailing separator (except a drive root), original case kept. */
    public static String normalize(String path) {
        String p = path.replace('/', '\\');
        while (p.length() > 3 && p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** True when {@code path} is {@code folder} or lies under it (case-insensitive). */
    public static boolean isUnder(String path, String folder) {
        String p = normalize(path).toLowerCase(Locale.ROOT);
        String f = normalize(folder).toLowerCase(Locale.ROOT);
        if (!f.endsWith("\\")) {
            f = f + "\\";
        }
        return (p + "\\").startsWith(f);
    }

    /** {@code folder\child}. */
    public static String join(String folder, String child) {
        String f = normalize(folder);
        return f.endsWith("\\") ? f + child : f + "\\" + child;
    }

    public static boolean isUnc(String path) {
        return path.replace('/', '\\').startsWith("\\\\");
    }

    /** The server part of a UNC path: {@code \\sofs.lab.test\vms\x} → {@code sofs.lab.test}. */
    public static String uncServer(String path) {
        String[] parts = normalize(path).substring(2).split("\\\\");
        return parts[0];
    }

    /** The share part of a UNC path. */
    public static String uncShare(String path) {
        String[] parts = normalize(path).substring(2).split("\\\\");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The last component: {@code D:\VMs\web01\disk.vhdx} → {@code disk.vhdx}. */
    public static String leaf(String path) {
        String p = normalize(path);
        int i = p.lastIndexOf('\\');
        return i < 0 ? p : p.substring(i + 1);
    }
}
