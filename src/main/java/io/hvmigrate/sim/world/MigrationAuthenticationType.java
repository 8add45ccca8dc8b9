package io.hvmigrate.sim.world;

/** Microsoft.HyperV.PowerShell.MigrationAuthenticationType: CredSSP=0, Kerberos=1. */
public enum MigrationAuthenticationType {
    CredSSP, Kerberos;

    public static MigrationAuthenticationType parse(String s) {
        return s.equalsIgnoreCase("kerberos") ? Kerberos : CredSSP;
    }
}
