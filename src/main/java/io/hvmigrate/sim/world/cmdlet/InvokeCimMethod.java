package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsHashtable;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.UUID;

/**
 * Invoke-CimMethod [-InputObject] <CimInstance> [-MethodName] <String> [-Arguments <IDictionary>]: the method hvsim
 * serves is Msvm_MigrationJob.RequestStateChange(RequestedState, TimeoutPeriod). Output: the method result with
 * ReturnValue (0 done, 1 not supported, 4097 invalid state transition).
 */
final class InvokeCimMethod implements Cmdlet {
    static final String TYPE = "Microsoft.Management.Infrastructure.CimCmdlets.InvokeCimMethodCommand";

    static CmdletInfo info() {
        return new CmdletInfo("Invoke-CimMethod", List.of(
                Param.of("InputObject", Types.CIM_INSTANCE).aliases("CimInstance")
                        .in(Param.pipeline(0, true), "CimInstanceComputerSet").build(),
                Param.of("MethodName", PsType.STRING).aliases("Name").in(Param.at(1, true)).build(),
                Param.of("Arguments", Types.IDICTIONARY).optional(),
                Param.of("ComputerName", PsType.STRING_ARRAY).optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional()),
                "CimInstanceComputerSet", InvokeCimMethod::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        Object target = in.raw("InputObject").orElseThrow();
        String method = in.string("MethodName").orElseThrow();
        if (!(target instanceof PsObject job) || job.get("InstanceID").isEmpty()
            || !job.typeNames().get(0).endsWith("Msvm_MigrationJob")) {
            throw new PsException(new ErrorRecord("Microsoft.Management.Infrastructure.CimException",
                    "Method not found ", 0x80041055, ErrorCategory.MetadataError, "HRESULT 0x80041055," + TYPE,
                    target));
        }
        if (!method.equalsIgnoreCase("RequestStateChange")) {
            throw new PsException(new ErrorRecord("Microsoft.Management.Infrastructure.CimException",
                    "Method not found ", 0x80041055, ErrorCategory.MetadataError, "HRESULT 0x80041055," + TYPE,
                    method));
        }
        Object args = in.raw("Arguments").orElse(null);
        Object requested = args instanceof PsHashtable t ? t.get("RequestedState") : null;
        if (requested == null) {
            throw new PsException(new ErrorRecord("Microsoft.Management.Infrastructure.CimException",
                    "Invalid parameter ", 0x80041008, ErrorCategory.InvalidArgument, "HRESULT 0x80041008," + TYPE,
                    args));
        }
        String instanceId = job.get("InstanceID").get().toString();
        UUID id = UUID.fromString(instanceId.substring(instanceId.indexOf(':') + 1));
        String host = job.get("PSComputerName").map(Object::toString).orElse(in.session.computerName());
        try {
            int rv = in.world.requestJobStateChange(in.reach(host), id, (int) Invocation.asLong(requested));
            in.write(PsObject.of("Microsoft.Management.Infrastructure.CimMethodResult")
                    .put("ReturnValue", WorldObjects.uint32(rv)).put("PSComputerName", host));
        } catch (WorldException e) {
            throw in.fail(e);
        }
    }
}
