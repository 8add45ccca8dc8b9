package io.hvmigrate.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.model.Facts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameValueHasOneTextWhateverTheOrderOfMembersSpacingAndEscaping() throws Exception {
        String a = CanonicalJson.of(JSON.readTree("{\"b\": [1, 2, {\"y\": null, \"x\": true}], \"a\": \"h\\u00e9\"}"));
        String b = CanonicalJson.of(JSON.readTree("{\n  \"a\" : \"hé\",\n  \"b\" : [ 1, 2, { \"x\" : true, \"y\" : null } ]\n}"));

        assertThat(a).isEqualTo(b).isEqualTo("{\"a\":\"hé\",\"b\":[1,2,{\"x\":true,\"y\":null}]}");
    }

    @Test
    void stringsEscapeOnlyQuotesBackslashesAndControlCharacters() throws Exception {
        String text = CanonicalJson.of(JSON.readTree("\"C:\\\\VMs\\t\\\"x\\\"\\u0001/é\""));

        assertThat(text).isEqualTo("\"C:\\\\VMs\\t\\\"x\\\"\\u0001/é\"");
    }

    @Test
    void numbersAreWrittenInTheirShortestPlainForm() throws Exception {
        assertThat(CanonicalJson.of(JSON.readTree("[10, -0, 1.50, 1e2, 12345678901234567890]"))).isEqualTo("[10,0,1.5,100,12345678901234567890]");
    }

    @Test
    void theDigestIsTheSha256OfTheCanonicalTextInUtf8() throws Exception {
        // printf '{"a":1}' | sha256sum
        assertThat(CanonicalJson.digest(JSON.readTree("{ \"a\" : 1 }")))
                .isEqualTo("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    }

    @Test
    void theSameFactsHaveTheSameDigestAsYamlOrJsonAndOtherFactsAnother(@TempDir Path dir) throws Exception {
        Facts facts = FactsFormat.load(Path.of("src/test/resources/fleet/facts.yaml"));
        Path json = dir.resolve("f.json");
        Files.writeString(json, FactsWriter.json(facts));

        assertThat(ApprovedPlanFormat.factsDigest(FactsFormat.load(json))).isEqualTo(ApprovedPlanFormat.factsDigest(facts));
        Facts.VmFacts v = facts.vms().get(0);
        java.util.List<Facts.VmFacts> vms = new java.util.ArrayList<>(facts.vms());
        vms.set(0, new Facts.VmFacts(v.name(), v.id(), "a2", v.state(), v.group(), v.version(), v.generation(), v.memoryBytes(), v.path(),
                v.disks(), v.switches(), v.isoPaths()));
        Facts moved = new Facts(facts.collectedAt(), facts.hosts(), facts.clusters(), facts.fileServers(), vms, facts.directory());
        assertThat(ApprovedPlanFormat.factsDigest(moved)).isNotEqualTo(ApprovedPlanFormat.factsDigest(facts));
    }
}
