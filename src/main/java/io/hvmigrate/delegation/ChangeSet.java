package io.hvmigrate.delegation;

import java.util.List;

/**
 * The minimal change that makes the directory hold a delegation matrix, as the diff against the directory found it.
 *
 * @param changes     directory changes to make, in order (with {@code --prune}, the removals too)
 * @param removable   entries that do nothing (the folklore SPN, Scale-Out File Server nodes): removed only with
 *                    {@code --prune}
 * @param useKerberos hosts whose live-migration authentication is set to Kerberos ({@code --fix-auth})
 * @param purge       source hosts whose tickets must be purged so they see the change now
 * @param notes       what is left to a person
 * @param needed      how many grants the matrix asks for (SPNs per source, or source–target pairs for resource-based)
 * @param present     how many of them the directory already holds
 */
public record ChangeSet(DelegationMode mode, List<DirectoryChange> changes, List<DirectoryChange.RemoveDelegateTo> removable,
                        List<Computer> useKerberos, List<Computer> purge, List<Note> notes, int needed, int present) {

    public ChangeSet {
        changes = List.copyOf(changes);
        removable = List.copyOf(removable);
        useKerberos = List.copyOf(useKerberos);
        purge = List.copyOf(purge);
        notes = List.copyOf(notes);
    }

    /** Nothing to change: the directory (and the hosts' authentication) already is as asked. */
    public boolean nothingToDo() {
        return changes.isEmpty() && useKerberos.isEmpty();
    }

    /** How many single values the changes add or remove (SPNs, principals, flags). */
    public int valueCount() {
        int n = 0;
        for (DirectoryChange c : changes) {
            n += switch (c) {
                case DirectoryChange.AddDelegateTo a -> a.spns().size();
                case DirectoryChange.RemoveDelegateTo r -> r.spns().size();
                case DirectoryChange.AllowProtocolTransition p -> 1;
                case DirectoryChange.StopUnconstrained u -> 1;
                case DirectoryChange.AddPrincipals p -> p.principals().size();
            };
        }
        return n;
    }
}
