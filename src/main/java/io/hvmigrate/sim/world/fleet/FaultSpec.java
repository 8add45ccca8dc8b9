package io.hvmigrate.sim.world.fleet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A fault planted in the fleet; transport faults live on the host's {@code winrm} block. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FaultSpec.MigrationFailure.class, name = "migrationFailure"),
        @JsonSubTypes.Type(value = FaultSpec.HostCrash.class, name = "hostCrash")
})
public sealed interface FaultSpec {

    /**
     * The next migration of {@code vm} fails when it reaches {@code atPercent}.
     *
     * @param vm          VM name; may be left out when a probability is given: then any VM
     * @param atPercent   progress at which it fails (0-99)
     * @param hresult     the error code, e.g. {@code 0x80072746}
     * @param message     the error text as Windows words it (the "failed at migration source" header is added)
     * @param once        fail only the first attempt (default true; with a probability, the first attempt it hits)
     * @param probability the share of migrations it hits, each drawn on its own (0..1; default 1, every one)
     * @param seed        seeds the draws, so that a wave replays ({@link Chance})
     */
    record MigrationFailure(String vm, Integer atPercent, String hresult, String message, Boolean once,
                            Double probability, Long seed, @com.fasterxml.jackson.annotation.JsonIgnore Chance chance)
            implements FaultSpec {
        public MigrationFailure(String vm, Integer atPercent, String hresult, String message, Boolean once) {
            this(vm, atPercent, hresult, message, once, null, null, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public MigrationFailure(@com.fasterxml.jackson.annotation.JsonProperty("vm") String vm,
                                @com.fasterxml.jackson.annotation.JsonProperty("atPercent") Integer atPercent,
                                @com.fasterxml.jackson.annotation.JsonProperty("hresult") String hresult,
                                @com.fasterxml.jackson.annotation.JsonProperty("message") String message,
                                @com.fasterxml.jackson.annotation.JsonProperty("once") Boolean once,
                                @com.fasterxml.jackson.annotation.JsonProperty("probability") Double probability,
                                @com.fasterxml.jackson.annotation.JsonProperty("seed") Long seed) {
            this(vm, atPercent, hresult, message, once, probability, seed, null);
        }

        /** Whether it hits this migration of {@code vmName}. */
        public boolean hits(String vmName) {
            return (vm == null || vm.equalsIgnoreCase(vmName)) && chance.hit(vmName);
        }

        public MigrationFailure {
            chance = chance == null ? new Chance(probability, seed) : chance;
            atPercent = atPercent == null ? 50 : atPercent;
            hresult = hresult == null ? "0x80072746" : hresult;
            message = message == null
                    ? "Failed to send data for a Virtual Machine migration: An existing connection was forcibly "
                      + "closed by the remote host. (0x80072746)." : message;
            once = once == null || once;
        }
    }

    /**
     * The host crashes at a simulated time after the world starts.
     *
     * @param host         host name
     * @param afterSeconds simulated seconds after start
     */
    record HostCrash(String host, Long afterSeconds) implements FaultSpec {
        public HostCrash {
            afterSeconds = afterSeconds == null ? 0L : afterSeconds;
        }
    }
}
