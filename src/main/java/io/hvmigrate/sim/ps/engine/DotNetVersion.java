package io.hvmigrate.sim.ps.engine;

/**
 * System.Version ({@code [version]'9.0'}), which scripts use to compare VM configuration versions: components
 * compare numerically, an unset build or revision (-1) sorts first.
 */
public record DotNetVersion(int major, int minor, int build, int revision) implements Comparable<DotNetVersion> {

    public static DotNetVersion parse(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length < 2 || parts.length > 4) {
            return null;
        }
        int[] v = {-1, -1, -1, -1};
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                return null;
            }
            if (v[i] < 0) {
                return null;
            }
        }
        return new DotNetVersion(v[0], v[1], v[2], v[3]);
    }

    @Override
    public int compareTo(DotNetVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(build, o.build);
        }
        if (c == 0) {
            c = Integer.compare(revision, o.revision);
        }
        return c;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(major).append('.').append(minor);
        if (build >= 0) {
            b.append('.').append(build);
            if (revision >= 0) {
                b.append('.').append(revision);
            }
        }
        return b.toString();
    }
}
