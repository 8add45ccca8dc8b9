package io.hvmigrate.sim.world.cmdlet;

import io.hvmigrate.sim.ps.Cmdlet;
import io.hvmigrate.sim.ps.CmdletInfo;
import io.hvmigrate.sim.ps.CommandContext;
import io.hvmigrate.sim.ps.ErrorCategory;
import io.hvmigrate.sim.ps.ErrorRecord;
import io.hvmigrate.sim.ps.PsException;
import io.hvmigrate.sim.ps.PsType;
import io.hvmigrate.sim.world.MigrationJobInfo;
import io.hvmigrate.sim.world.WorldException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Get-CimInstance [-ClassName] <String> [-Namespace <String>] [-Filter <String>] | -Query <String>: the classes hvsim
 * serves are Msvm_MigrationJob (and its CIM_ConcreteJob/Msvm_ConcreteJob views of migrations) in
 * root\virtualization\v2. A simple Filter/WHERE of the form {@code Prop = 'value'} or {@code Prop = n} is applied.
 */
final class GetCimInstance implements Cmdlet {
    static final String TYPE = "Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand";
    private static final String NAMESPACE = "root\\virtualization\\v2";
    private static final Pattern QUERY = Pattern.compile(
            "(?i)^\\s*select\\s+\\*\\s+from\\s+(\\w+)(?:\\s+where\\s+(.+))?$");
    private static final Pattern CONDITION = Pattern.compile("(?i)^\\s*(\\w+)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\d+))\\s*$");

    static CmdletInfo info() {
        return new CmdletInfo("Get-CimInstance", List.of(
                Param.of("ClassName", PsType.STRING).in(Param.at(0, true), "ClassNameComputerSet").build(),
                Param.of("Query", PsType.STRING).in(Param.mandatory(), "QueryComputerSet").build(),
                Param.of("Namespace", PsType.STRING).optional(),
                Param.of("Filter", PsType.STRING).in(Param.named(), "ClassNameComputerSet").build(),
                Param.of("ComputerName", PsType.STRING_ARRAY).aliases("CN", "ServerName").optional(),
                Param.of("CimSession", Types.CIM_SESSION_ARRAY).optional(),
                Param.of("Property", PsType.STRING_ARRAY).aliases("SelectProperties").optional(),
                Param.of("OperationTimeoutSec", PsType.UINT32).aliases("OT").optional()),
                "ClassNameComputerSet", GetCimInstance::new);
    }

    @Override
    public void process(CommandContext ctx, Object input) throws PsException {
        Invocation in = new Invocation(ctx, TYPE);
        String className;
        String where;
        if (in.has("Query")) {
            Matcher m = QUERY.matcher(in.string("Query").orElseThrow());
            if (!m.matches()) {
                throw cim(in, "Invalid query ", 0x80041017, "HRESULT 0x80041017", ErrorCategory.InvalidArgument);
            }
            className = m.group(1);
            where = m.group(2);
        } else {
            className = in.string("ClassName").orElseThrow();
            where = in.string("Filter").orElse(null);
        }
        String ns = in.string("Namespace").orElse("root\\cimv2").replace('/', '\\');
        if (ns.equalsIgnoreCase("root\\cimv2") || ns.equalsIgnoreCase(DEVICE_GUARD)) {
            hostClass(in, ns, className);
            return;
        }
        if (!ns.equalsIgnoreCase(NAMESPACE)) {
            throw cim(in, "Invalid namespace ", 0x8004100E, "HRESULT 0x8004100e", ErrorCategory.MetadataError);
        }
        if (!List.of("msvm_migrationjob", "msvm_concretejob", "cim_concretejob")
                .contains(className.toLowerCase(Locale.ROOT))) {
            throw cim(in, "Invalid class ", 0x80041010, "HRESULT 0x80041010", ErrorCategory.MetadataError);
        }
        Matcher cond = where == null ? null : CONDITION.matcher(where);
        if (cond != null && !cond.matches()) {
            throw cim(in, "Invalid query ", 0x80041017, "HRESULT 0x80041017", ErrorCategory.InvalidArgument);
        }
        for (String host : in.computers()) {
            try {
                for (MigrationJobInfo j : in.world.migrationJobs(host)) {
                    var o = WorldObjects.migrationJob(host, j);
                    if (cond == null || matches(o, cond)) {
                        in.write(o);
                    }
                }
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }

    static final String DEVICE_GUARD = "root\\Microsoft\\Windows\\DeviceGuard";

    /**
     * The host classes of root\\cimv2 and DeviceGuard that hvsim models (Win32_OperatingSystem, Win32_Processor,
     * Win32_ComputerSystem, Win32_ComputerSystemProduct, Win32_DeviceGuard): one instance each, of the local host.
     */
    private static void hostClass(Invocation in, String ns, String className) throws PsException {
        String c = className.toLowerCase(Locale.ROOT);
        boolean deviceGuard = ns.equalsIgnoreCase(DEVICE_GUARD);
        if (deviceGuard != c.equals("win32_deviceguard")
                || !List.of("win32_operatingsystem", "win32_processor", "win32_deviceguard", "win32_computersystem",
                "win32_computersystemproduct").contains(c)) {
            throw cim(in, "Invalid class ", 0x80041010, "HRESULT 0x80041010", ErrorCategory.MetadataError);
        }
        for (String host : in.computers()) {
            try {
                io.hvmigrate.sim.world.HostInfo h = in.world.vmHost(host);
                in.write(switch (c) {
                    case "win32_operatingsystem" -> WorldObjects.operatingSystem(h);
                    case "win32_processor" -> WorldObjects.processor(h);
                    case "win32_computersystem" -> WorldObjects.computerSystem(h);
                    case "win32_computersystemproduct" -> WorldObjects.computerSystemProduct(h);
                    default -> WorldObjects.deviceGuard(h);
                });
            } catch (WorldException e) {
                in.error(e);
            }
        }
    }

    private static boolean matches(io.hvmigrate.sim.ps.PsObject o, Matcher cond) {
        String value = cond.group(2) != null ? cond.group(2) : cond.group(3) != null ? cond.group(3) : cond.group(4);
        return o.get(cond.group(1)).map(v -> v instanceof io.hvmigrate.sim.ps.PsNumber.Unsigned u
                ? String.valueOf(u.value()) : String.valueOf(v)).map(v -> v.equalsIgnoreCase(value)).orElse(false);
    }

    private static PsException cim(Invocation in, String message, int hresult, String id, ErrorCategory category) {
        return new PsException(new ErrorRecord("Microsoft.Management.Infrastructure.CimException", message, hresult,
                category, id + "," + TYPE, null));
    }
}
