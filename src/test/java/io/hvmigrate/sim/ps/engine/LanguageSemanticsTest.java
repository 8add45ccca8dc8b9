package io.hvmigrate.sim.ps.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvmigrate.sim.ps.PsRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageSemanticsTest {

    private static Object value(String script) {
        return PsRun.run(script).single();
    }

    private static List<String> strings(String script) {
        return PsRun.run(script).strings();
    }

    // ------------------------------------------------------------------------------------------------ comparison

    @Test
    void comparisonsAreCaseInsensitiveByDefault() {
        assertThat(value("'Running' -eq 'running'")).isEqualTo(true);
        assertThat(value("'Running' -ceq 'running'")).isEqualTo(false);
        assertThat(value("'ABC' -like 'a*'")).isEqualTo(true);
        assertThat(value("'ABC' -clike 'a*'")).isEqualTo(false);
    }

    @Test
    void anArrayOnTheLeftFilters() {
        assertThat(strings("'web01','db01','web02' -like 'web*'")).containsExactly("web01", "web02");
        assertThat(strings("1,2,3,2 -eq 2")).containsExactly("2", "2");
        assertThat(value("@(1,2,3 -eq 9).Count")).isEqualTo(0);
    }

    @Test
    void nullOnTheLeftComparesAsNull() {
        assertThat(value("$null -eq $x")).isEqualTo(true);
        assertThat(value("$null -eq @()")).isEqualTo(false);
        assertThat(value("$null -lt 1")).isEqualTo(true);
    }

    @Test
    void rightOperandIsConvertedToTheLeftOperandsType() {
        assertThat(value("1 -eq '1'")).isEqualTo(true);
        assertThat(value("'1.0' -eq 1")).isEqualTo(false);
        assertThat(value("1 -eq '1.0'")).isEqualTo(true);
        assertThat(value("10 -gt '9'")).isEqualTo(true);
        assertThat(value("'10' -gt '9'")).isEqualTo(false);
        assertThat(value("$true -eq 'false'")).isEqualTo(true);
        assertThat(value("1 -eq 'abc'")).isEqualTo(false);
    }

    @Test
    void orderingThatCannotConvertFails() {
        PsRun r = PsRun.run("1 -gt 'abc'");
        assertThat(r.errors.get(0).message()).isEqualTo("Could not compare \"1\" to \"abc\". Error: \"Cannot convert value "
                + "\"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"\"");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("ComparisonFailure");
    }

    @Test
    void containsAndIn() {
        assertThat(value("'a','b' -contains 'B'")).isEqualTo(true);
        assertThat(value("'a','b' -ccontains 'B'")).isEqualTo(false);
        assertThat(value("'b' -in 'a','b'")).isEqualTo(true);
        assertThat(value("'z' -notin 'a','b'")).isEqualTo(true);
    }

    @Test
    void matchSetsMatches() {
        assertThat(strings("if ('vm-web-01' -match '(?<role>web)-(\\d+)') { $Matches.role; $Matches[1] }"))
                .containsExactly("web", "01");
    }

    @Test
    void replaceUsesDotNetSubstitutions() {
        assertThat(value("'hv1.lab.test' -replace '^(\\w+)\\.(.*)$', '$2/$1'")).isEqualTo("lab.test/hv1");
        assertThat(value("'a.b' -replace '\\.', '$$'")).isEqualTo("a$b");
        assertThat(value("'AbA' -replace 'a', 'x'")).isEqualTo("xbx");
        assertThat(value("'Aba' -creplace 'a', 'x'")).isEqualTo("Abx");
    }

    @Test
    void splitAndJoin() {
        assertThat(strings("'a,b,,c' -split ','")).containsExactly("a", "b", "", "c");
        assertThat(strings("'a1b2c' -split '(\\d)'")).containsExactly("a", "1", "b", "2", "c");
        assertThat(strings("'a,b,c' -split ',', 2")).containsExactly("a", "b,c");
        assertThat(strings("-split '  a  b '")).containsExactly("a", "b");
        assertThat(value("1,2,3 -join ', '")).isEqualTo("1, 2, 3");
        assertThat(value("-join ('a','b')")).isEqualTo("ab");
    }

    @Test
    void formatOperator() {
        assertThat(value("'{0}-{1,3}-{2:N2}-{3:D4}-{4:X}' -f 'a', 7, 1234.5, 42, 255")).isEqualTo("a-  7-1,234.50-0042-FF");
        PsRun bad = PsRun.run("'{1}' -f 'a'");
        assertThat(bad.errors.get(0).message()).isEqualTo("Error formatting a string: Index (zero based) must be greater "
                + "than or equal to zero and less than the size of the argument list..");
    }

    @Test
    void isAndAs() {
        assertThat(value("5 -is [int]")).isEqualTo(true);
        assertThat(value("'5' -is [int]")).isEqualTo(false);
        assertThat(value("('5' -as [int]) + 1")).isEqualTo(6);
        assertThat(value("$null -eq ('x' -as [int])")).isEqualTo(true);
    }

    @Test
    void logicalOperatorsShortCircuit() {
        PsRun r = PsRun.run("$false -and (Write-Host 'evaluated')");
        assertThat(r.host).isEmpty();
        assertThat(r.single()).isEqualTo(false);
    }

    // ------------------------------------------------------------------------------------------------ arithmetic

    @Test
    void arithmeticFollowsTheLeftOperand() {
        assertThat(value("'5' + 1")).isEqualTo("51");
        assertThat(value("5 + '1'")).isEqualTo(6);
        assertThat(value("'5' - 1")).isEqualTo(4);
        assertThat(value("'ab' * 3")).isEqualTo("ababab");
        assertThat(value(",(@(1,2) + 3)")).isEqualTo(List.of(1, 2, 3));
    }

    @Test
    void integerDivisionGivesDoubleOnlyWhenInexact() {
        assertThat(value("4 / 2")).isEqualTo(2);
        assertThat(value("5 / 2")).isEqualTo(2.5);
        assertThat(value("7 % 3")).isEqualTo(1);
    }

    @Test
    void integerOverflowBecomesDouble() {
        assertThat(value("[int]::MaxValue + 1")).isEqualTo(2147483648.0);
        assertThat(value("([int]::MaxValue + 1).GetType().FullName")).isEqualTo("System.Double");
    }

    @Test
    void doublesPrintWithFifteenDigits() {
        assertThat(value("\"$(0.1 + 0.2)\"")).isEqualTo("0.3");
        assertThat(value("\"$(1/3)\"")).isEqualTo("0.333333333333333");
        assertThat(value("\"$(1e20)\"")).isEqualTo("1E+20");
    }

    @Test
    void divisionByZeroIsAStatementTerminatingError() {
        PsRun r = PsRun.run("1/0; 'next'");
        assertThat(r.errorMessages()).containsExactly("Attempted to divide by zero.");
        assertThat(r.strings()).containsExactly("next");
    }

    /** about_Wildcards / WildcardPattern: -like uses the cmdlets' wildcards, and an unclosed bracket is no pattern. */
    @Test
    void likeMatchesAsWildcardPatternAndRefusesAnUnclosedBracket() {
        assertThat(value("'web1' -like 'web[1]'")).isEqualTo(true);
        assertThat(value("'web[1]' -like 'web`[1`]'")).isEqualTo(true);
        PsRun r = PsRun.run("'a' -like 'web['; 'next'");
        assertThat(r.errorMessages()).containsExactly("The specified wildcard character pattern is not valid: web[");
        assertThat(r.strings()).containsExactly("next");
    }

    @Test
    void hashtableAddition() {
        assertThat(value("(@{a=1} + @{b=2}).Count")).isEqualTo(2);
        assertThat(PsRun.run("@{a=1} + @{a=2}").errorMessages())
                .containsExactly("Item has already been added. Key in dictionary: 'a'  Key being added: 'a'");
    }

    // ------------------------------------------------------------------------------------------------ conversions

    @Test
    void castsFollowLanguagePrimitives() {
        assertThat(value("[int]'0x10'")).isEqualTo(16);
        assertThat(value("[int]2.5")).isEqualTo(2);
        assertThat(value("[int]3.5")).isEqualTo(4);
        assertThat(value("[bool]'false'")).isEqualTo(true);
        assertThat(value("[bool]0")).isEqualTo(false);
        assertThat(value("[string]$null")).isEqualTo("");
        assertThat(value("[uint16]4").toString()).isEqualTo("Unsigned[type=Simple[fullName=System.UInt16], value=4]");
        assertThat(value("[string[]]('a',1) -join '|'")).isEqualTo("a|1");
    }

    @Test
    void failedCastReportsPowerShellsText() {
        PsRun r = PsRun.run("[int]'abc'");
        assertThat(r.errors.get(0).message()).isEqualTo(
                "Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("InvalidCastFromStringToInteger");
        assertThat(r.errors.get(0).record().category().name()).isEqualTo("InvalidArgument");
    }

    @Test
    void guidsAndDates() {
        assertThat(value("([guid]'{6B29FC40-CA47-1067-B31D-00DD010662DA}').ToString()"))
                .isEqualTo("6b29fc40-ca47-1067-b31d-00dd010662da");
        assertThat(value("([datetime]'2024-03-01T10:20:30').ToString('yyyy-MM-dd HH:mm:ss')")).isEqualTo("2024-03-01 10:20:30");
        assertThat(value("\"$([datetime]'2024-03-01T10:20:30')\"")).isEqualTo("03/01/2024 10:20:30");
        assertThat(value("([datetime]'2024-03-01T10:20:30').ToUniversalTime().ToString('o')"))
                .isEqualTo("2024-03-01T10:20:30.0000000Z");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(strings("[version]'10.0' -gt [version]'9.0'; '10.0' -gt '9.0'; ([version]'9.0').Major; "
                + "[version]'8.0.1' -lt '8.0.2'")).containsExactly("True", "False", "9", "True");
    }

    @Test
    void unmodelledDotNetTypesSayso() {
        assertThat(PsRun.run("[Diagnostics.Stopwatch]::StartNew()").errorMessages())
                .containsExactly("hvsim does not implement the .NET type [Diagnostics.Stopwatch].");
        assertThat(PsRun.run("[Foo.Bar]::X").errorMessages()).containsExactly("Unable to find type [Foo.Bar].");
    }

    @Test
    void truthiness() {
        assertThat(strings("foreach ($v in @(0, 1, '', 'x', $null, @(), @(0), @(1,2))) { [bool]$v }"))
                .containsExactly("False", "True", "False", "True", "False", "False", "False", "True");
    }

    // ------------------------------------------------------------------------------------------------ members

    @Test
    void memberEnumeration() {
        assertThat(strings("$vms = [pscustomobject]@{Name='a'}, [pscustomobject]@{Name='b'}; $vms.Name"))
                .containsExactly("a", "b");
    }

    @Test
    void propertyAccessIsCaseInsensitive() {
        assertThat(value("$o = [pscustomobject]@{DNSHostName='x'}; $o.dnshostname")).isEqualTo("x");
        assertThat(value("$h = @{Key='v'}; $h.KEY")).isEqualTo("v");
    }

    @Test
    void missingPropertyIsNull() {
        assertThat(value("$o = [pscustomobject]@{a=1}; $null -eq $o.nothing")).isEqualTo(true);
    }

    @Test
    void stringMethods() {
        assertThat(strings("$s = '  Web01.Lab '; $s.Trim(); $s.Trim().ToLower(); $s.Contains('Lab'); "
                + "$s.StartsWith('  W'); $s.Trim().Split('.')[0]; $s.Trim().Substring(3); $s.Replace('Lab','X')"))
                .containsExactly("Web01.Lab", "web01.lab", "True", "True", "Web01", "01.Lab", "  Web01.X ");
    }

    @Test
    void arrayCountAndLength() {
        assertThat(strings("$a = 1,2,3; $a.Count; $a.Length; 'abc'.Length; (5).Count; $null.Count"))
                .containsExactly("3", "3", "3", "1", "0");
    }

    @Test
    void getTypeAndTypeNames() {
        assertThat(strings("(5).GetType().FullName; 'x'.GetType().Name; @(1).GetType().FullName; "
                + "([pscustomobject]@{}).PSObject.TypeNames[0]; @{}.GetType().FullName"))
                .containsExactly("System.Int32", "String", "System.Object[]",
                        "System.Management.Automation.PSCustomObject", "System.Collections.Hashtable");
    }

    @Test
    void methodOnNullFails() {
        PsRun r = PsRun.run("$x = $null; $x.Trim()");
        assertThat(r.errors.get(0).message()).isEqualTo("You cannot call a method on a null-valued expression.");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("InvokeMethodOnNull");
    }

    @Test
    void unknownMethodFails() {
        PsRun r = PsRun.run("'x'.Frobnicate()");
        assertThat(r.errors.get(0).message())
                .isEqualTo("Method invocation failed because [System.String] does not contain a method named 'Frobnicate'.");
    }

    @Test
    void methodExceptionsAreWrapped() {
        PsRun r = PsRun.run("'abc'.Substring(5)");
        assertThat(r.errors.get(0).message()).isEqualTo("Exception calling \"Substring\" with \"1\" argument(s): "
                + "\"startIndex cannot be larger than length of string.\r\nParameter name: startIndex\"");
    }

    @Test
    void staticMembers() {
        assertThat(strings("[Math]::Round(2.5); [Math]::Round(3.5); [Math]::Round(2.345, 2); [Math]::Min(3, 1.5); "
                + "[string]::IsNullOrEmpty(''); [regex]::Escape('a.b*c'); [Environment]::MachineName; "
                + "[int]::MaxValue; [System.IO.Path]::Combine('D:\\VMs', 'web01')"))
                .containsExactly("2", "4", "2.34", "1.5", "True", "a\\.b\\*c", "HV-A1", "2147483647", "D:\\VMs\\web01");
    }

    @Test
    void regexReplaceWithAScriptBlockEvaluator() {
        assertThat(value("[regex]::Replace('vm1 vm22', '\\d+', { param($m) [int]$m.Value * 2 })")).isEqualTo("vm2 vm44");
    }

    @Test
    void guidNewGuidIsAGuid() {
        assertThat(value("[guid]::NewGuid() -is [guid]")).isEqualTo(true);
    }

    @Test
    void hashtableMembers() {
        assertThat(strings("$h = @{}; $h.Add('a', 1); $h['b'] = 2; $h.c = 3; $h.Count; $h.ContainsKey('B'); "
                + "($h.Keys | Sort-Object) -join ','"))
                .containsExactly("3", "True", "a,b,c");
    }

    @Test
    void orderedHashtableKeepsOrderAndPsCustomObjectKeepsLiteralOrder() {
        assertThat(value("([ordered]@{z=1; a=2; m=3}).Keys -join ','")).isEqualTo("z,a,m");
        assertThat(value("([pscustomobject]@{z=1; a=2}).PSObject.Properties.Name -join ','")).isEqualTo("z,a");
    }

    @Test
    void arrayListAddReturnsTheIndex() {
        assertThat(strings("$l = New-Object System.Collections.ArrayList; $l.Add('a'); [void]$l.Add('b'); $l.Count"))
                .containsExactly("0", "2");
    }

    @Test
    void arraysAreFixedSize() {
        assertThat(PsRun.run("$a = @(1); $a.Add(2)").errors.get(0).message())
                .isEqualTo("Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed size.\"");
    }

    @Test
    void whereAndForEachMethods() {
        assertThat(strings("(1..6).Where({ $_ % 2 }).ForEach({ $_ * 10 })")).containsExactly("10", "30", "50");
    }

    // ------------------------------------------------------------------------------------------------ variables and flow

    @Test
    void variablesAreCaseInsensitive() {
        assertThat(value("$vm = 1; $VM + 1")).isEqualTo(2);
    }

    @Test
    void scopesAreDynamicAndScopedWritesWork() {
        assertThat(strings("$x = 1; function f { $x = 2; $script:y = 3; $x }; f; $x; $y"))
                .containsExactly("2", "1", "3");
    }

    @Test
    void envVariables() {
        assertThat(strings("$env:COMPUTERNAME; $env:Foo = 'bar'; $env:FOO")).containsExactly("HV-A1", "bar");
    }

    @Test
    void typeConstrainedVariablesConvert() {
        assertThat(value("[int]$n = '5'; $n = '7'; $n + 1")).isEqualTo(8);
    }

    @Test
    void multipleAssignment() {
        assertThat(strings("$a, $b = 1, 2, 3; $a; $b -join '+'")).containsExactly("1", "2+3");
    }

    @Test
    void loops() {
        assertThat(strings("for ($i = 0; $i -lt 3; $i++) { $i }")).containsExactly("0", "1", "2");
        assertThat(strings("$i = 0; while ($true) { $i++; if ($i -gt 2) { break }; $i }")).containsExactly("1", "2");
        assertThat(strings("$i = 0; do { $i++ } until ($i -ge 3); $i")).containsExactly("3");
        assertThat(strings("foreach ($x in 1..4) { if ($x -eq 2) { continue }; $x }")).containsExactly("1", "3", "4");
        // a labelled break or continue reaches past the inner loop to the one it names, as in PowerShell
        assertThat(strings(":outer foreach ($a in 1..3) { foreach ($b in 1..3) { if ($b -eq 2) { continue outer }; \"$a$b\" } }"))
                .containsExactly("11", "21", "31");
        assertThat(strings(":outer for ($a = 1; $a -le 3; $a++) { $j = 0; while ($true) { $j++; if ($a -eq 2) { break outer }; if ($j -gt 1) { break }; \"$a$j\" } }"))
                .containsExactly("11");
        assertThat(strings("$i = 0; do { $i++; if ($i -eq 2) { continue }; $i } while ($i -lt 4)")).containsExactly("1", "3", "4");
        assertThat(strings("foreach ($x in 1..3) { switch ($x) { 2 { 'two'; break } default { \"d$x\" } } }"))
                .containsExactly("d1", "two", "d3");
    }

    @Test
    void switchStatement() {
        assertThat(strings("switch ('Running', 'Off', 'Paused') { 'running' { 'up' } 'off' { 'down' } default { '?' } }"))
                .containsExactly("up", "down", "?");
        assertThat(strings("switch -Wildcard ('web01') { 'web*' { 'web' } }")).containsExactly("web");
    }

    @Test
    void functionsWithParamBlocksAndSwitches() {
        assertThat(strings("function Get-Thing { param([string]$Name, [switch]$Loud, [int]$Times = 2) "
                + "if ($Loud) { $Name.ToUpper() * $Times } else { $Name } }; Get-Thing web; Get-Thing -Name db -Loud -Times 1"))
                .containsExactly("web", "DB");
    }

    @Test
    void returnEndsAFunctionAfterWritingItsValue() {
        assertThat(strings("function f { 'a'; return 'b'; 'c' }; f")).containsExactly("a", "b");
    }

    @Test
    void outputOfAFunctionIsCollected() {
        assertThat(value("function f { 1; 2; 3 }; (f).Count")).isEqualTo(3);
    }

    @Test
    void emptyPipelineResultEnumeratesToNothing() {
        assertThat(strings("$x = @() | Where-Object { $true }; @($x).Count; $x -eq $null; $n = $null; @($n).Count"))
                .containsExactly("0", "True", "1");
    }

    @Test
    void voidAndNullAssignmentDiscard() {
        assertThat(PsRun.run("$null = 'a'; [void]'b'; 'c' | Out-Null; 'd' > $null").output).isEmpty();
    }

    @Test
    void unaryCommaKeepsAnArrayWhole() {
        assertThat(value("(,@(1,2)).Count")).isEqualTo(1);
    }

    @Test
    void exitEndsTheScript() {
        PsRun r = PsRun.run("'a'; exit 3; 'b'");
        assertThat(r.strings()).containsExactly("a");
        assertThat(r.result.exitCode()).isEqualTo(3);
    }

    @Test
    void dollarQuestionMark() {
        assertThat(strings("Write-Output x; $?; Write-Error y 2>$null; $?; 1/0; $?")).containsExactly("x", "True", "False",
                "False");
    }

    // ------------------------------------------------------------------------------------------------ strict mode

    @Test
    void strictModeOneForbidsUninitializedVariablesOutsideStrings() {
        PsRun r = PsRun.run("Set-StrictMode -Version 1; \"[$nope]\"; $nope");
        assertThat(r.strings()).containsExactly("[]");
        assertThat(r.errorMessages()).containsExactly("The variable '$nope' cannot be retrieved because it has not been set.");
        assertThat(r.errors.get(0).record().fullyQualifiedErrorId()).isEqualTo("VariableIsUndefined");
    }

    @Test
    void strictModeLatestForbidsMissingPropertiesAndIndexes() {
        PsRun r = PsRun.run("Set-StrictMode -Version Latest; $o = [pscustomobject]@{a=1}; $o.a; $o.b; @(1)[3]; "
                + "$o | Select-Object b | ForEach-Object { 'selected' }");
        assertThat(r.strings()).containsExactly("1", "selected");
        assertThat(r.errorMessages()).containsExactly(
                "The property 'b' cannot be found on this object. Verify that the property exists.",
                "Index was outside the bounds of the array.");
    }

    @Test
    void strictModeIsScoped() {
        assertThat(PsRun.run("function f { Set-StrictMode -Version 2; $x = $undefinedInF }; f; $undefinedOutside; 'ok'")
                .errorMessages()).containsExactly(
                "The variable '$undefinedInF' cannot be retrieved because it has not been set.");
        assertThat(PsRun.run("Set-StrictMode -Version 2; Set-StrictMode -Off; $u; 'ok'").errors).isEmpty();
    }
}
