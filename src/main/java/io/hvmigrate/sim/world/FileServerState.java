package io.hvmigrate.sim.world;

import io.hvmigrate.sim.world.fleet.FileServerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A file server or SOFS access point with its shares. */
final class FileServerState {
    final String name;
    final String fqdn;
    final String domain;
    final boolean sofs;
    final List<String> nodes;
    final Map<String, Share> shares = new LinkedHashMap<>();

    FileServerState(FileServerSpec spec) {
        this.name = spec.name().toUpperCase(Locale.ROOT);
        this.domain = spec.domain().toLowerCase(Locale.ROOT);
        this.fqdn = spec.name().toLowerCase(Locale.ROOT) + "." + domain;
        this.sofs = spec.sofs();
        this.nodes = spec.nodes().stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
        spec.shares().forEach(s -> shares.put(s.name().toLowerCase(Locale.ROOT),
                new Share(s.name(), s.sizeGB() * 1024, s.freeGB() * 1024, s.fullControl())));
    }

    boolean answersTo(String server) {
        return server.equalsIgnoreCase(name) || server.equalsIgnoreCase(fqdn);
    }

    static final class Share {
        final String name;
        final long sizeMB;
        long freeMB;
        final List<String> fullControl;

        Share(String name, long sizeMB, long freeMB, List<String> fullControl) {
            this.name = name;
            this.sizeMB = sizeMB;
            this.freeMB = freeMB;
            this.fullControl = List.copyOf(fullControl);
        }

        boolean grants(String sam) {
            return fullControl.stream().anyMatch(a -> {
                String bare = a.contains("\\") ? a.substring(a.indexOf('\\') + 1) : a;
                return bare.equalsIgnoreCase(sam);
            });
        }
    }
}
