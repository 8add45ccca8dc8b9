package io.hvmigrate.sim.world.ad;

/** userAccountControl bits (ADS_USER_FLAG_ENUM). */
public final class AccountControl {
    private AccountControl() {}

    public static final int NORMAL_ACCOUNT = 0x200;
    public static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;
    public static final int TRUSTED_FOR_DELEGATION = 0x80000;
    public static final int NOT_DELEGATED = 0x100000;
    public static final int TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;
}
