package io.hvmigrate.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can return besides those every command can (0, 2 for a wrong command line, 70 for a bug);
 * its help lists them all ({@link UsageHelp}). A command with subcommands lists what its subcommands do.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ExitCodes {
    ExitCode[] value();
}
