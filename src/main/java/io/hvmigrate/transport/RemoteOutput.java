package io.hvmigrate.transport;

/** What one remote command left: its exit code and its two streams, decoded. */
public record RemoteOutput(int exitCode, String stdout, String stderr) {}
