package io.hvmigrate.sim.world;

import java.util.Locale;
import java.util.Optional;

/** What a Windows path names: an SMB share, a cluster shared volume, or a local drive. */
public final class StoragePaths {
    private StoragePaths() {}

    public sealed interface Location {}

    /** {@code \\server\share\...}; {@code server} as written in the path (NetBIOS or FQDN). */
    public record Smb(String server, String share) implements Location {}

    /** {@code C:\ClusterStorage\VolumeN\...}; {@code volume} is {@code C:\ClusterStorage\VolumeN}. */
    public record Csv(String volume) implements Location {}

    /** {@code D:\...}; {@code drive} is {@code D:\}. */
    public record Local(String drive) implements Location {}

    public static Location locate(String path) {
        if (path.startsWith("\\\\")) {
            String[] parts = path.substring(2).split("\\\\");
            return new Smb(parts[0], parts.length > 1 ? parts[1] : "");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("c:\\clusterstorage\\")) {
            String rest = path.substring("C:\\ClusterStorage\\".length());
            int slash = rest.indexOf('\\');
            String vol = slash < 0 ? rest : rest.substring(0, slash);
            return new Csv("C:\\ClusterStorage\\" + vol);
        }
        return new Local(path.length() >= 3 ? path.substring(0, 3).toUpperCase(Locale.ROOT) : path);
    }

    public static String fileName(String path) {
        int slash = path.lastIndexOf('\\');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public static String join(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    public static boolean under(String path, String folder) {
        String p = path.toLowerCase(Locale.ROOT);
        String f = folder.toLowerCase(Locale.ROOT);
        return p.equals(f) || p.startsWith(f.endsWith("\\") ? f : f + "\\");
    }

    public static Optional<String> shortName(String serverAsWritten) {
        int dot = serverAsWritten.indexOf('.');
        return Optional.of(dot < 0 ? serverAsWritten : serverAsWritten.substring(0, dot));
    }
}
