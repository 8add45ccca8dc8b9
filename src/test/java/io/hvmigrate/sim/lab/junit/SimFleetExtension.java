package io.hvmigrate.sim.lab.junit;

import io.hvmigrate.sim.lab.LabFiles;
import io.hvmigrate.sim.lab.SimFleet;
import io.hvmigrate.sim.world.fleet.FleetLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the fleet a test class asks for with {@link WithFleet} and hands it to the class's constructor and methods.
 *
 * <p>The fleet lives in the JUnit store of the annotated class, so JUnit closes it (and deletes its files) when that
 * class is done, whichever lifecycle the class uses. It is started on the first parameter that needs it, which also
 * serves constructors of classes with a per-class lifecycle (created before any before-all callback).
 */
public final class SimFleetExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimFleetExtension.class);

    /** A running fleet and the files written for it; closing stops the fleet and deletes the files. */
    record RunningFleet(SimFleet sim, LabFiles.Written files) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                sim.close();
            } finally {
                deleteTree(files.directory());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SimFleet.class || type == LabFiles.Written.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningFleet running = running(context);
        return parameter.getParameter().getType() == SimFleet.class ? running.sim() : running.files();
    }

    /** The fleet of the nearest class context carrying {@link WithFleet}, started on first use. */
    static RunningFleet running(ExtensionContext context) {
        ExtensionContext owner = context;
        Optional<WithFleet> found = Optional.empty();
        while (owner != null) {
            if (owner.getElement().orElse(null) instanceof Class<?> c) {
                found = AnnotationSupport.findAnnotation(c, WithFleet.class);
                if (found.isPresent()) {
                    break;
                }
            }
            owner = owner.getParent().orElse(null);
        }
        if (found.isEmpty()) {
            throw new ParameterResolutionException("a SimFleet parameter needs @WithFleet on the test class");
        }
        WithFleet spec = found.get();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(RunningFleet.class, k -> start(spec), RunningFleet.class);
    }

    private static RunningFleet start(WithFleet spec) {
        SimFleet.Options options = SimFleet.Options.defaults().withTimeScale(spec.timeScale()).withHttps(spec.https());
        SimFleet sim;
        try {
            sim = SimFleet.start(Path.of(spec.value()), options);
        } catch (FleetLoadException e) {
            throw new ExtensionConfigurationException("@WithFleet(\"" + spec.value() + "\"): " + e.getMessage(), e);
        }
        try {
            Path dir = Files.createTempDirectory("hvsim-fleet-");
            String account = spec.account().isEmpty() ? LabFiles.serviceAccount(sim) : spec.account();
            return new RunningFleet(sim, LabFiles.write(sim, dir, account));
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
