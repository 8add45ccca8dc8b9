package io.hvmigrate.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.load.FactsFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts' look-ups by name answer what a scan of the lists answers, without scanning. */
class FactsIndexTest {
    static final Facts F = FactsFormat.load(Path.of("config/facts.example.yaml"));

    @Test
    void everyHostIsFoundByNameFqdnAndNetbiosInAnyCaseAsAScanFindsIt() {
        for (Facts.HostFacts h : F.hosts()) {
            for (String n : new String[] {h.name(), h.fqdn(), h.netbios()}) {
                if (n == null) {
                    continue;
                }
                Facts.HostFacts scanned = F.hosts().stream().filter(x -> x.answersTo(n)).findFirst().orElseThrow();
                assertThat(F.host(n)).contains(scanned);
                assertThat(F.host(n.toUpperCase(java.util.Locale.ROOT))).contains(scanned);
            }
        }
        assertThat(F.host("no-such-host")).isEmpty();
        assertThat(F.host(null)).isEmpty();
    }

    @Test
    void vmsByHostIdAndNameAreThoseAScanFindsInTheirOrder() {
        for (Facts.HostFacts h : F.hosts()) {
            assertThat(F.vmsOn(h.name().toUpperCase(java.util.Locale.ROOT)))
                    .containsExactlyElementsOf(F.vms().stream().filter(v -> Names.same(v.host(), h.name())).toList());
        }
        for (Facts.VmFacts v : F.vms()) {
            assertThat(F.vmsNamed(v.name().toUpperCase(java.util.Locale.ROOT)))
                    .containsExactlyElementsOf(F.vms().stream().filter(x -> Names.same(x.name(), v.name())).toList());
            if (v.id() != null) {
                assertThat(F.vmsWithId(v.id())).contains(v);
            }
        }
        assertThat(F.vmsNamed("no-such-vm")).isEmpty();
        assertThat(F.vmsOn("no-such-host")).isEmpty();
    }

    @Test
    void factsCompareByTheirContentAlone() {
        Facts copy = new Facts(F.collectedAt(), List.copyOf(F.hosts()), F.clusters(), F.fileServers(), F.vms(), F.directory());
        copy.host(F.hosts().getFirst().name()); // one index built, the other not
        assertThat(copy).isEqualTo(F).hasSameHashCodeAs(F);
    }
}
