package io.hvmigrate.sim.world;

import java.util.List;

/**
 * A VMCompatibilityReport.
 *
 * @param vm                the VM as it is now
 * @param operationType     MoveVirtualMachine (0) or MoveVirtualMachineAndStorage (2)
 * @param destination       destination host as given
 * @param incompatibilities empty when the move can go ahead
 */
public record CompatibilityReport(VmInfo vm, String operationType, String destination, String path,
                                  List<Incompatibility> incompatibilities) {}
