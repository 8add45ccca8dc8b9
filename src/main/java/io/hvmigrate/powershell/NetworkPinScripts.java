package io.hvmigrate.powershell;

/**
 * Pinning live migration to one network on a host (hyperv-reference §2.1): {@code Add-VMMigrationNetwork <subnet>} and
 * {@code Set-VMHost -UseAnyNetworkForMigration $false}, the pair the documentation's own {@code Set-VMMigrationNetwork}
 * example should have been. Each script runs on the host it changes and reports the host's state after.
 */
public final class NetworkPinScripts {
    private NetworkPinScripts() {}

    private static final String STATE = """
            $h=Get-VMHost
            Out-Result ([pscustomobject]@{ok=$true;data=[pscustomobject]@{any=[bool]$h.UseAnyNetworkForMigration;nets=@(Get-VMMigrationNetwork|ForEach-Object { [string]$_.Subnet });ips=@(Get-NetIPAddress|ForEach-Object { $_.IPAddress+'/'+$_.PrefixLength })}})
            """;

    private static final ScriptTemplate READ = ScriptTemplate.of(STATE);

    /** UseAnyNetworkForMigration, the migration networks and the host's addresses. */
    public static StepScript readState() {
        return StepScripts.wrap(READ, StepScripts.values());
    }

    private static final ScriptTemplate ADD_NETWORK = ScriptTemplate.of("""
            $null=Add-VMMigrationNetwork -Subnet <<subnet>>
            """);
    private static final ScriptTemplate RESTRICT = ScriptTemplate.of("""
            $null=Set-VMHost -UseAnyNetworkForMigration $false
            """);

    /**
     * Adds the subnet (when {@code addSubnet} is not null) and then turns off "use any network" (when {@code restrict}):
     * in that order, so the host never accepts live migrations on no network at all. Reports the state after.
     */
    public static StepScript pin(String addSubnet, boolean restrict) {
        StringBuilder b = new StringBuilder();
        if (addSubnet != null) {
            b.append(ADD_NETWORK.render(StepScripts.values("subnet", addSubnet))).append('\n');
        }
        if (restrict) {
            b.append(RESTRICT.render(StepScripts.values())).append('\n');
        }
        b.append(READ.render(StepScripts.values()));
        return StepScripts.wrap(b.toString());
    }

    /** The same change as a statement for a person at a management workstation. */
    public static String pinStatement(String hostFqdn, String addSubnet, boolean restrict) {
        StringBuilder b = new StringBuilder();
        if (addSubnet != null) {
            b.append("Add-VMMigrationNetwork -ComputerName ").append(PsLiteral.quote(hostFqdn)).append(" -Subnet ")
                    .append(PsLiteral.quote(addSubnet));
        }
        if (restrict) {
            b.append(b.isEmpty() ? "" : "; ").append("Set-VMHost -ComputerName ").append(PsLiteral.quote(hostFqdn))
                    .append(" -UseAnyNetworkForMigration $false");
        }
        return b.toString();
    }
}
