package io.hvmigrate.sim.lab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a simulated fleet for the annotated test class: started before the first test that needs it, on free ports
 * on the hosts' loopback addresses, and closed after the class. Test constructors and methods receive the running
 * {@link io.hvmigrate.sim.lab.SimFleet} and the {@link io.hvmigrate.sim.lab.LabFiles.Written} files (inventory,
 * CA, password) written for it into a temporary directory.
 *
 * <pre>{@code
 * @WithFleet(value = "config/fleets/lab.yaml", https = false)
 * class SomethingTest {
 *     @Test
 *     void movesAVm(SimFleet sim, LabFiles.Written files) { ... }
 * }
 * }</pre>
 *
 * <p>All tests of a class share one fleet, and so one world: a test that moves a VM leaves it moved for the next.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SimFleetExtension.class)
public @interface WithFleet {

    /** The fleet file, relative to the working directory (the project directory under Maven). */
    String value() default "config/fleets/lab.yaml";

    /** How many times faster than real time the fleet's clock runs. */
    double timeScale() default 1000;

    /** HTTPS with certificates from the fleet's CA; false for plain HTTP with NTLM message encryption. */
    boolean https() default true;

    /** The account the written inventory names, {@code DOMAIN\\user}; empty for the fleet's service account. */
    String account() default "";
}
