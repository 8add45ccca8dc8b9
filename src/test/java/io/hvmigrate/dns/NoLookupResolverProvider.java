package io.hvmigrate.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JVM's name resolver for tests of the simulated world, where no name may reach the machine's resolver (and so,
 * perhaps, a DNS server): every name there comes from the fleet file, the inventory's {@code address:} or a hosts file.
 *
 * <p>Registered as a service of the test class path, it changes nothing until {@value #PROPERTY} names a file: from then
 * on every look-up of a name (and every reverse look-up of an address) is refused with an {@link UnknownHostException}
 * that says why, and recorded, one line each with who asked, in that file (emptied first) and in {@link #refused()}.
 * Literal addresses never reach a resolver, so they work as always; {@code localhost} is a name like any other. A JVM
 * given a hosts file ({@code -Djdk.net.hosts.file}) resolves from that file alone, which asks no server: it is left alone.
 */
public final class NoLookupResolverProvider extends InetAddressResolverProvider {
    /** The file the refused look-ups are appended to; unset, the provider passes everything to the JDK's resolver. */
    public static final String PROPERTY = "hvmigrate.test.noLookups";

    private static final List<String> REFUSED = new ArrayList<>();

    @Override
    public InetAddressResolver get(Configuration configuration) {
        String file = System.getProperty(PROPERTY, "");
        if (file.isBlank() || System.getProperty("jdk.net.hosts.file") != null) {
            return configuration.builtinResolver();
        }
        Path log = Path.of(file);
        try {
            Files.deleteIfExists(log); // the file holds this JVM's look-ups
        } catch (IOException e) {
            // appended to, then
        }
        return new Refusing(log);
    }

    @Override
    public String name() {
        return "hvmigrate-no-lookups";
    }

    /** Every look-up refused so far in this JVM, oldest first, each with where it came from. */
    public static synchronized List<String> refused() {
        return List.copyOf(REFUSED);
    }

    private static synchronized void record(String line, Path file) {
        REFUSED.add(line);
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the look-up is refused all the same, and the list in memory still has it
        }
    }

    private record Refusing(Path file) implements InetAddressResolver {
        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
            throw refuse("name " + host);
        }

        @Override
        public String lookupByAddress(byte[] addr) throws UnknownHostException {
            throw refuse("address " + literal(addr));
        }

        private UnknownHostException refuse(String what) {
            record(what + " (from " + caller() + ")", file);
            return new UnknownHostException("look-up of the " + what + " refused: in this test no name may reach the system"
                    + " resolver; it must come from the fleet file, the inventory's address: or -Djdk.net.hosts.file");
        }

        private static String literal(byte[] addr) {
            try {
                return InetAddress.getByAddress(addr).getHostAddress(); // no look-up: an address with no name
            } catch (UnknownHostException e) {
                return HexFormat.of().formatHex(addr);
            }
        }

        /** The frames that asked, past the JDK's own resolving code: enough to find the caller. */
        private static String caller() {
            return StackWalker.getInstance().walk(frames -> frames
                    .dropWhile(f -> f.getClassName().startsWith(NoLookupResolverProvider.class.getName())
                            || f.getClassName().startsWith("java.net."))
                    .limit(6)
                    .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                    .collect(Collectors.joining(" < ")));
        }
    }
}
