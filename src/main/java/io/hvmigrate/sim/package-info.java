/**
 * hvsim: a simulated Hyper-V fleet that answers real WS-Management and interprets the PowerShell text it receives.
 *
 * <p>It is an independent witness for the engine: nothing here imports from {@code io.hvmigrate} outside
 * {@code io.hvmigrate.sim}; engine and simulator meet only on the wire.
 *
 * <ul>
 *   <li>{@code sim.wsman} — the WS-Management listener of one host (HTTP/HTTPS, Basic/NTLM, NTLM sealing, shells)</li>
 *   <li>{@code sim.ps} — a PowerShell tokenizer, parser and interpreter for the subset administrators' scripts use</li>
 *   <li>{@code sim.world} — the fleet model and its semantics: hosts, clusters, VMs, directory, migrations</li>
 * </ul>
 */
package io.hvmigrate.sim;
