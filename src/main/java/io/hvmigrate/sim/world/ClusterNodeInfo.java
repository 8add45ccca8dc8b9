package io.hvmigrate.sim.world;

/**
 * A cluster node at one moment.
 *
 * @param state       Up, Down or Paused
 * @param drainStatus NotInitiated, InProgress, Completed or Failed
 */
public record ClusterNodeInfo(String name, String cluster, String state, String drainStatus, int id) {}
