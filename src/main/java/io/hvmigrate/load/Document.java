package io.hvmigrate.load;

/**
 * The kinds of document hvmigrate reads, each with the bounds that keep a hostile or broken file from exhausting
 * memory or time: a file past a bound fails at once, naming the bound, before anything is built from it.
 *
 * <p>Facts snapshots are bounded generously (a fleet of 100,000 VMs is tens of MiB); the files people write —
 * playbooks, inventories, settings — tightly.
 *
 * @param words         what the document is called in messages ("a playbook")
 * @param maxBytes      its largest size in bytes; also the most code points the parser reads
 * @param maxDepth      how deeply mappings and lists may nest
 * @param maxAliases    how many aliases ({@code *name}) it may use
 * @param maxNodes      how many values it may hold once every alias and merge key ({@code <<}) is expanded
 * @param maxLine       the longest line of YAML, in characters (the YAML parser's work grows with the square of a
 *                      line's length; JSON has no such bound)
 * @param holdsSecrets  credentials may be written in it by mistake: excerpts and messages never quote their values
 */
public record Document(String words, long maxBytes, int maxDepth, int maxAliases, long maxNodes, int maxLine,
                       boolean holdsSecrets) {

    private static final long MIB = 1L << 20;
    private static final int KIB = 1 << 10;

    public static final Document PLAYBOOK = new Document("a playbook", 1 * MIB, 32, 256, 200_000, 64 * KIB, false);
    public static final Document INVENTORY = new Document("an inventory", 8 * MIB, 32, 1_024, 2_000_000, 64 * KIB, true);
    public static final Document SETTINGS = new Document("a settings file", 1 * MIB, 16, 64, 10_000, 64 * KIB, true);
    public static final Document FACTS = new Document("a facts file", 256 * MIB, 64, 100_000, 100_000_000, 256 * KIB, false);
    public static final Document APPROVED_PLAN = new Document("an approved plan", 64 * MIB, 64, 0, 50_000_000, 64 * KIB, false);

    /** "1 MiB", "256 MiB": the size bound as messages name it. */
    public String maxSize() {
        return maxBytes % MIB == 0 ? maxBytes / MIB + " MiB" : maxBytes + " bytes";
    }
}
