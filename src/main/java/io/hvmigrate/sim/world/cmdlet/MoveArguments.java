package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MoveVmRequest;
import io.hvmigrate.sim.world.StorageMove;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.hvmigrate.sim.ps.ParameterInfo;

/** The parameter sets Move-VM and Compare-VM share, and how their arguments become a move request. */
final class MoveArguments {
    private MoveArguments() {}

    static final String NAME_SINGLE = "NameSingleDestination";
    static final String NAME_SINGLE_CIM = "NameSingleDestinationAndCimSession";
    static final String NAME_MULTI = "NameMultipleDestinations";
    static final String NAME_MULTI_CIM = "NameMultipleDestinationsAndCimSession";
    static final String VM_SINGLE = "VMSingleDestination";
    static final String VM_SINGLE_CIM = "VMSingleDestinationAndCimSession";
    static final String VM_MULTI = "VMMultipleDestinations";
    static final String VM_MULTI_CIM = "VMMultipleDestinationsAndCimSession";
    static final String REPORT = "CompatibilityReport";

    static final String[] NAME_SETS = {NAME_SINGLE, NAME_SINGLE_CIM, NAME_MULTI, NAME_MULTI_CIM};
    static final String[] VM_SETS = {VM_SINGLE, VM_SINGLE_CIM, VM_MULTI, VM_MULTI_CIM};
    static final String[] SINGLE_SETS = {NAME_SINGLE, NAME_SINGLE_CIM, VM_SINGLE, VM_SINGLE_CIM};
    static final String[] MULTI_SETS = {NAME_MULTI, NAME_MULTI_CIM, VM_MULTI, VM_MULTI_CIM};
    static final String[] HOST_SETS = {NAME_SINGLE, NAME_MULTI, VM_SINGLE, VM_MULTI};
    static final String[] CIM_SETS = {NAME_SINGLE_CIM, NAME_MULTI_CIM, VM_SINGLE_CIM, VM_MULTI_CIM};

    static List<ParameterInfo> parameters(boolean move) {
        List<ParameterInfo> p = new ArrayList<>(List.of(
                Param.of("ComputerName", PsType.STRING_ARRAY).in(Param.named(), NAME_SINGLE, NAME_MULTI).build(),
                Param.of("Credential", Types.CREDENTIAL_ARRAY).in(Param.named(), NAME_SINGLE, NAME_MULTI).build(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).in(Param.named(), NAME_SINGLE_CIM, NAME_MULTI_CIM)
                        .build(),
                Param.of("Name", PsType.STRING).in(Param.pipeline(0, true), NAME_SETS).build(),
                Param.of("VM", Types.VIRTUAL_MACHINE).in(Param.pipeline(0, true), VM_SETS).build(),
                Param.of("DestinationHost", PsType.STRING).in(Param.at(1, true), HOST_SETS).build(),
                Param.of("DestinationCimSession", Types.CIM_SESSION).in(Param.at(1, true), CIM_SETS).build(),
                Param.of("DestinationCredential", Types.CREDENTIAL).in(Param.named(), HOST_SETS).build(),
                Param.of("IncludeStorage", PsType.SWITCH).in(Param.named(), SINGLE_SETS).build(),
                Param.of("DestinationStoragePath", PsType.STRING).in(Param.named(), SINGLE_SETS).build(),
                Param.of("VirtualMachinePath", PsType.STRING).in(Param.named(), NAME_MULTI, VM_MULTI)
                        .in(Param.mandatory(), NAME_MULTI_CIM, VM_MULTI_CIM).build(),
                Param.of("SnapshotFilePath", PsType.STRING).aliases("CheckpointFileLocation", "SnapshotFileLocation")
                        .in(Param.named(), MULTI_SETS).build(),
                Param.of("SmartPagingFilePath", PsType.STRING).in(Param.named(), MULTI_SETS).build(),
                Param.of("Vhds", Types.HASHTABLE_ARRAY).in(Param.named(), MULTI_SETS).build(),
                Param.of("ResourcePoolName", PsType.STRING).in(Param.named(), concat(NAME_SETS, VM_SETS)).build(),
                Param.of("CompatibilityReport", Types.COMPATIBILITY_REPORT).in(Param.pipeline(0, true), REPORT)
                        .build(),
                Param.of("AsJob", PsType.SWITCH).optional()));
        p.add(Param.of("RetainVhdCopiesOnSource", PsType.SWITCH).in(Param.named(), concat(NAME_SETS, VM_SETS))
                .build());
        p.add(Param.of("WhatIf", PsType.SWITCH).aliases("wi").optional());
        p.add(Param.of("Confirm", PsType.SWITCH).aliases("cf").optional());
        if (move) {
            p.add(Param.of("RemoveSourceUnmanagedVhds", PsType.SWITCH).in(Param.named(),
                    concat(NAME_SETS, VM_SETS)).build());
            p.add(Param.of("Passthru", PsType.SWITCH).optional());
        }
        return p;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The request the bound parameters describe. */
    static MoveVmRequest request(Invocation in, String parameterSet) throws PsException {
        if (parameterSet.equals(REPORT)) {
            PsObject report = (PsObject) in.raw("CompatibilityReport").orElseThrow();
            PsObject vm = (PsObject) report.get("VM").orElseThrow();
            String op = report.get("OperationType").map(Object::toString).orElse("MoveVirtualMachine");
            StorageMove storage = op.equals("MoveVirtualMachineAndStorage")
                    ? new StorageMove.All(report.get("Path").map(Object::toString).orElseThrow()) : StorageMove.NONE;
            return new MoveVmRequest(null, (UUID) vm.get("Id").orElseThrow(),
                    vm.get("ComputerName").map(Object::toString).orElseThrow(),
                    report.get("Destination").map(Object::toString).orElseThrow(), storage, in.session.caller());
        }
        if (parameterSet.endsWith("AndCimSession")) {
            throw in.invalid("hvsim does not model CIM sessions; use -DestinationHost.", null);
        }
        String source;
        String name = null;
        UUID id = null;
        if (parameterSet.startsWith("VM")) {
            PsObject vm = (PsObject) in.raw("VM").orElseThrow();
            id = (UUID) vm.get("Id").orElseThrow();
            source = in.reach(vm.get("ComputerName").map(Object::toString).orElseThrow());
        } else {
            name = in.string("Name").orElseThrow();
            List<String> computers = in.computers();
            source = computers.get(0);
        }
        String destination = in.string("DestinationHost").orElseThrow();
        StorageMove storage;
        if (parameterSet.contains("Single")) {
            boolean include = in.on("IncludeStorage");
            var path = in.string("DestinationStoragePath");
            if (include && path.isEmpty()) {
                throw in.invalid("The DestinationStoragePath parameter is required when IncludeStorage is "
                        + "specified.", null);
            }
            if (!include && path.isPresent()) {
                throw in.invalid("The DestinationStoragePath parameter can be used only with IncludeStorage.", null);
            }
            storage = include ? new StorageMove.All(path.get()) : StorageMove.NONE;
        } else {
            Map<String, String> vhds = new LinkedHashMap<>();
            for (Object h : in.raw("Vhds").map(v -> v instanceof List<?> l ? List.copyOf(l) : List.of(v))
                    .orElse(List.of())) {
                if (!(h instanceof PsHashtable t) || !t.containsKey("SourceFilePath")
                    || !t.containsKey("DestinationFilePath")) {
                    throw in.invalid("Each Vhds entry needs the keys SourceFilePath and DestinationFilePath.", h);
                }
                vhds.put(String.valueOf(t.get("SourceFilePath")), String.valueOf(t.get("DestinationFilePath")));
            }
            storage = new StorageMove.PerItem(in.string("VirtualMachinePath").orElse(null),
                    in.string("SnapshotFilePath").orElse(null), in.string("SmartPagingFilePath").orElse(null), vhds);
        }
        return new MoveVmRequest(name, id, source, destination, storage, in.session.caller());
    }
}
