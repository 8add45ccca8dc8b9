package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsObject;
import io.hvmigrate.sim.world.HostInfo;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.MoveVmRequest;
import io.hvmigrate.sim.world.WorldException;
import java.time.Duration;
import java.util.UUID;

/**
 * Move-VM, in the parameter sets of its help page. It waits for the migration (as Windows does) on simulated time;
 * stopping the command stops the wait, not the migration (stopping Move-VM is not documented to cancel VMMS's
 * migration; the Msvm_MigrationJob can be terminated). Output (Move-VM.md, OUTPUTS): nothing by default; the moved VM
 * with -Passthru; and "Microsoft.HyperV.PowerShell.CompatibilityReport if the migration fails because of an
 * incompatibility", with or without -Passthru, before the error.
 */
final class MoveVm implements Cmdlet {
    static final String TYPE = "Microsoft.HyperV.PowerShell.Commands.MoveVM";

    static CmdletInfo info() {
        return new CmdletInfo("Move-VM", MoveArguments.parameters(true), MoveArguments.NAME_SINGLE, MoveVm::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        MoveVmRequest request = MoveArguments.request(in, ctx.parameterSetName());
        if (in.on("WhatIf")) {
            return;
        }
        UUID job;
        try {
            job = in.world.startMove(request);
        } catch (WorldException e) {
            if (e.getMessage().contains("is not compatible with physical computer")) {
                try {
                    in.write(WorldObjects.compatibilityReport(in.world.compareVm(request)));
                } catch (WorldException ignored) {
                    // the move's own error is the one to report
                }
            }
            throw in.fail(e);
        }
        if (in.on("AsJob")) {
            in.write(PsObject.of("Microsoft.HyperV.PowerShell.Commands.MoveVMJob").put("Name", "Move-VM")
                    .put("State", "Running").put("InstanceId", job).put("Location", request.source()));
            return;
        }
        MigrationJobInfo end = await(in, job);
        var failure = in.world.migrationFailure(job);
        if (end.jobState() != 7 && failure.isPresent()) {
            throw in.fail(failure.get());
        }
        if (in.on("Passthru")) {
            try {
                HostInfo dst = in.world.vmHost(request.destination());
                in.write(WorldObjects.vm(in.world.vm(dst.name(), end.vmId())));
            } catch (WorldException e) {
                throw in.fail(e);
            }
        }
    }

    private static MigrationJobInfo await(Invocation in, UUID job) throws PsException {
        while (true) {
            MigrationJobInfo j;
            try {
                j = in.world.awaitMigration(job, Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                in.checkStopping();
                throw new IllegalStateException("interrupted while waiting for the migration", e);
            }
            if (j.ended()) {
                return j;
            }
            in.checkStopping();
        }
    }
}
