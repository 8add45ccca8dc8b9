package io.hvmigrate.sim.ps.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hvmigrate.sim.ps.CommandTable;
import io.hvmigrate.sim.ps.PsEnum;
import io.hvmigrate.sim.ps.PsRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConvertTo-Json as Windows PowerShell 5.1 writes it (JavaScriptSerializer plus 5.1's own indentation). */
class ConvertToJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(String script) {
        return (String) PsRun.run(script).single();
    }

    @Test
    void compressedObject() {
        assertThat(json("[ordered]@{ name = 'web01'; memoryMB = 4096; clustered = $true; owner = $null } | "
                + "ConvertTo-Json -Compress")).isEqualTo("{\"name\":\"web01\",\"memoryMB\":4096,\"clustered\":true,\"owner\":null}");
    }

    @Test
    void indentationIsFivePointOnes() {
        assertThat(json("[ordered]@{ dan = 15; foo = [ordered]@{ second = 'b'; first = 'a' }; list = @(1, 2) } | ConvertTo-Json"))
                .isEqualTo("{\r\n"
                        + "    \"dan\":  15,\r\n"
                        + "    \"foo\":  {\r\n"
                        + "                \"second\":  \"b\",\r\n"
                        + "                \"first\":  \"a\"\r\n"
                        + "            },\r\n"
                        + "    \"list\":  [\r\n"
                        + "                 1,\r\n"
                        + "                 2\r\n"
                        + "             ]\r\n"
                        + "}");
    }

    @Test
    void arraysOfObjects() {
        assertThat(json("@([ordered]@{a=1}, [ordered]@{a=2}) | ConvertTo-Json")).isEqualTo("[\r\n"
                + "    {\r\n"
                + "        \"a\":  1\r\n"
                + "    },\r\n"
                + "    {\r\n"
                + "        \"a\":  2\r\n"
                + "    }\r\n"
                + "]");
    }

    @Test
    void indentedOutputIsValidJson() throws Exception {
        String s = json("[ordered]@{ a = @{ b = @( @{ c = 'x' }, 2, 'y' ) }; d = @(); e = @{} } | ConvertTo-Json -Depth 5");
        JsonNode n = JSON.readTree(s);
        assertThat(n.at("/a/b/0/c").asText()).isEqualTo("x");
        assertThat(n.get("d").isArray()).isTrue();
    }

    @Test
    void defaultDepthIsTwoAndDeeperValuesBecomeStringsWithoutAWarning() {
        PsRun r = PsRun.run("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress");
        assertThat(r.single()).isEqualTo("{\"a\":{\"b\":{\"c\":\"System.Collections.Hashtable\"}}}");
        assertThat(r.warnings).isEmpty();
    }

    @Test
    void deeperCustomObjectsBecomeTheirStringForm() {
        assertThat(json("[pscustomobject]@{ a = [pscustomobject]@{ b = [pscustomobject]@{ c = [pscustomobject]@{ d = 1; e = 'x' } } } }"
                + " | ConvertTo-Json -Compress")).isEqualTo("{\"a\":{\"b\":{\"c\":\"@{d=1; e=x}\"}}}");
        assertThat(json("@{ a = @{ b = @{ c = @(1, 2, 3) } } } | ConvertTo-Json -Compress"))
                .isEqualTo("{\"a\":{\"b\":{\"c\":\"1 2 3\"}}}");
    }

    @Test
    void depthParameter() {
        assertThat(json("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress -Depth 5"))
                .isEqualTo("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}");
        assertThat(json("@{a=@{b=1}} | ConvertTo-Json -Compress -Depth 1")).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(json("@{a=@{b=@{c=1}}} | ConvertTo-Json -Compress -Depth 1")).isEqualTo("{\"a\":{\"b\":\"System.Collections.Hashtable\"}}");
    }

    @Test
    void escapesLikeJavaScriptSerializer() {
        assertThat(json("\"<a href='x'>&</a>\" | ConvertTo-Json"))
                .isEqualTo("\"\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\u003c/a\\u003e\"");
        assertThat(json("\"tab`tquote`\"back\\slash`nnl`r\" | ConvertTo-Json")).isEqualTo("\"tab\\tquote\\\"back\\\\slash\\nnl\\r\"");
        assertThat(json("\"bell$([char]7)\" | ConvertTo-Json")).isEqualTo("\"bell\\u0007\"");
    }

    @Test
    void nonAsciiIsWrittenAsItIs() {
        assertThat(json("'Zürich ☃' | ConvertTo-Json")).isEqualTo("\"Zürich ☃\"");
    }

    @Test
    void enumsAreNumbers() {
        PsEnum state = new PsEnum("Microsoft.HyperV.PowerShell.VMState",
                new LinkedHashMap<>(Map.of("Running", 2L, "Off", 3L)));
        CommandTable t = CommandTable.builder().enumType(state).build();
        PsRun r = PsRun.run(t, "[pscustomobject]@{ State = [Microsoft.HyperV.PowerShell.VMState]'Running'; "
                + "Name = \"$([Microsoft.HyperV.PowerShell.VMState]::Off)\" } | ConvertTo-Json -Compress");
        assertThat(r.single()).isEqualTo("{\"State\":2,\"Name\":\"Off\"}");
    }

    @Test
    void datesAreMicrosoftDateStrings() {
        assertThat(json("[datetime]'2024-01-02T03:04:05Z' | ConvertTo-Json")).isEqualTo("\"\\/Date(1704164645000)\\/\"");
        assertThat(json("@{ t = ([datetime]'1970-01-01T00:00:00Z').ToUniversalTime() } | ConvertTo-Json -Compress"))
                .isEqualTo("{\"t\":\"\\/Date(0)\\/\"}");
    }

    @Test
    void guidsAndNumbers() {
        assertThat(json("@{ g = [guid]'6B29FC40-CA47-1067-B31D-00DD010662DA' } | ConvertTo-Json -Compress"))
                .isEqualTo("{\"g\":\"6b29fc40-ca47-1067-b31d-00dd010662da\"}");
        assertThat(json("@(1, 2.5, 0.1, 1e20, [long]5, [uint32]7) | ConvertTo-Json -Compress")).isEqualTo("[1,2.5,0.1,1E+20,5,7]");
    }

    @Test
    void multipleInputsBecomeAnArrayAndNullsAreSkipped() {
        assertThat(json("1, $null, 2 | ConvertTo-Json -Compress")).isEqualTo("[1,2]");
        assertThat(PsRun.run("$null | ConvertTo-Json").output).isEmpty();
        assertThat(json("ConvertTo-Json -InputObject @(1,2) -Compress")).isEqualTo("[1,2]");
        assertThat(json("'' | ConvertTo-Json")).isEqualTo("\"\"");
    }

    // ---- Windows PowerShell 5.1 wraps an array received whole through the pipeline (AddPsProperties) ----------------

    /** PowerShell/PowerShell issue #5579 (comment of 2018-08-01, PSVersion 5.1.17134.165), verbatim repro. */
    @Test
    void anArrayPipedAsOneObjectGainsValueAndCount() {
        assertThat(json("$x = @(1,@(2,3),4); $x | ConvertTo-Json -Compress")).isEqualTo("[1,{\"value\":[2,3],\"Count\":2},4]");
    }

    /**
     * PowerShell/PowerShell issue #3153 ("ConvertFrom-Json doesn't unwrap arrays on output, resulting in an extraneous
     * wrapper JSON object with `Count` and `Value` properties on reconversion"; reproduced on 5.1.14393.693, fixed in
     * PowerShell 6 only): {@code '[ 1, 2 ]' | ConvertFrom-Json | ConvertTo-Json}.
     */
    @Test
    void convertFromJsonsArrayPipedBackIsWrapped() {
        assertThat(json("'[ 1, 2 ]' | ConvertFrom-Json | ConvertTo-Json -Compress")).isEqualTo("{\"value\":[1,2],\"Count\":2}");
        assertThat(json("'[ 1, 2 ]' | ConvertFrom-Json | ConvertTo-Json")).isEqualTo("{\r\n"
                + "    \"value\":  [\r\n"
                + "                  1,\r\n"
                + "                  2\r\n"
                + "              ],\r\n"
                + "    \"Count\":  2\r\n"
                + "}");
    }

    /**
     * The same rule for the other ways an array travels the pipeline whole (#5579: objects "received via the pipeline"
     * are [psobject]-wrapped when bound to an [object] parameter, as ConvertTo-Json's InputObject is): Write-Output
     * -NoEnumerate and the unary comma. Derived from the rule; no verbatim 5.1 transcript of these two was found.
     */
    @Test
    void noEnumerateAndTheUnaryCommaAlsoSendTheArrayWhole() {
        assertThat(json("Write-Output -NoEnumerate @(1,2) | ConvertTo-Json -Compress")).isEqualTo("{\"value\":[1,2],\"Count\":2}");
        assertThat(json(",@('a') | ConvertTo-Json -Compress")).isEqualTo("{\"value\":[\"a\"],\"Count\":1}");
    }

    /**
     * #5579: pipeline objects are wrapped "but not if passed as an argument"; the engine passes its result as the
     * argument ({@code ConvertTo-Json $o -Compress -Depth 6}), with lists as hashtable values and inner tuples from
     * script blocks, none of which is wrapped.
     */
    @Test
    void anArrayPassedAsTheArgumentIsNotWrapped() {
        assertThat(json("ConvertTo-Json @(1,@(2,3),4) -Compress")).isEqualTo("[1,[2,3],4]");
        assertThat(json("$x = @(1,@(2,3),4); ConvertTo-Json -InputObject $x -Compress")).isEqualTo("[1,[2,3],4]");
        assertThat(json("ConvertTo-Json ([pscustomobject]@{ok=$true;data=@{a=@(1..2|%{,@($_,'x')});b=@('one')}}) -Compress -Depth 6"))
                .isEqualTo("{\"ok\":true,\"data\":{\"a\":[[1,\"x\"],[2,\"x\"]],\"b\":[\"one\"]}}");
    }

    @Test
    void emptyCollections() {
        assertThat(json("ConvertTo-Json -InputObject @()")).isEqualTo("[\r\n\r\n]");
        assertThat(json("@{} | ConvertTo-Json")).isEqualTo("{\r\n\r\n}");
        assertThat(json("@{a=@()} | ConvertTo-Json")).isEqualTo("{\r\n    \"a\":  [\r\n\r\n          ]\r\n}");
    }

    @Test
    void errorRecordsSerializeTheirParts() throws Exception {
        String s = json("try { throw 'boom' } catch { $_ | ConvertTo-Json -Compress }");
        JsonNode n = JSON.readTree(s);
        assertThat(n.get("FullyQualifiedErrorId").asText()).isEqualTo("boom");
        assertThat(n.at("/Exception/Message").asText()).isEqualTo("boom");
        assertThat(n.at("/CategoryInfo/Category").asInt()).isEqualTo(14);
    }

    @Test
    void nonStringKeysFail() {
        PsRun r = PsRun.run("@{ 1 = 'a' } | ConvertTo-Json");
        assertThat(r.errors.get(0).message()).isEqualTo("The type 'System.Collections.Hashtable' is not supported for "
                + "serialization or deserialization of a dictionary. Keys must be strings.");
    }

    @Test
    void depthOutOfRange() {
        assertThat(PsRun.run("1 | ConvertTo-Json -Depth 101").errors.get(0).message())
                .isEqualTo("The maximum depth allowed for serialization is 100.");
    }

    @Test
    void convertFromJsonRoundTrip() {
        PsRun r = PsRun.run("$o = '{\"name\":\"web01\",\"mem\":4096,\"big\":5000000000,\"ratio\":0.5,\"tags\":[\"a\",\"b\"],"
                + "\"nested\":{\"ok\":true},\"when\":\"\\/Date(0)\\/\"}' | ConvertFrom-Json; "
                + "$o.name; $o.mem.GetType().Name; $o.big.GetType().Name; $o.ratio; $o.tags.Count; $o.nested.ok; "
                + "$o.when.GetType().Name");
        assertThat(r.strings()).containsExactly("web01", "Int32", "Int64", "0.5", "2", "True", "DateTime");
    }

    @Test
    void convertFromJsonWritesAnArrayAsOneObject() {
        assertThat(PsRun.run("('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count").single()).isEqualTo(1);
    }

    @Test
    void convertFromJsonReportsBadInput() {
        PsRun r = PsRun.run("'{\"a\": nope}' | ConvertFrom-Json");
        assertThat(r.errors.get(0).message()).isEqualTo("Invalid JSON primitive: nope.");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId())
                .isEqualTo("System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand");
    }
}
