package io.hvmigrate.check;

import io.hvmigrate.model.Facts;
import java.time.Instant;
import java.util.Optional;

/**
 * A host whose computer account changed (whenChanged) after the host obtained its TGT (klist -li 0x3e7 tgt,
 * StartTime): the host still acts on the delegation it had then, until its tickets expire or are purged with
 * {@code klist purge -li 0x3e7} (Microsoft, MicrosoftDocs/windowsserverdocs WindowsServerDocs/administration/windows-commands/klist.md, example "klist purge -li 0x3e7";
 * Troubleshoot live migration issues, MicrosoftDocs/SupportArticles-docs support/windows-server/virtualization/troubleshoot-live-migration-issues.md, under 0x8009030D: "Wait up
 * to 15 minutes for Keberos tickets to time out. Or run the KLIST PURGE -li 0x3e7 cmdlet.").
 *
 * @param host        the host's inventory name
 * @param account     its computer account (e.g. {@code HV-S1$})
 * @param whenChanged when the directory last changed the account
 * @param tgtStart    when the host's TGT was issued
 * @param tgtEnd      when it expires (null when klist did not say)
 */
public record StaleTickets(String host, String account, Instant whenChanged, Instant tgtStart, Instant tgtEnd) {

    /** The host's stale tickets, if its TGT predates the last change of its computer account. */
    public static Optional<StaleTickets> of(Facts facts, String host) {
        Optional<Facts.ComputerAccount> account = facts.directory().computer(host);
        Optional<Facts.SystemTicket> tgt = facts.directory().ticketOf(host);
        if (account.isEmpty() || tgt.isEmpty()) {
            return Optional.empty();
        }
        Instant changed = account.get().whenChanged();
        if (changed == null || !changed.isAfter(tgt.get().start())) {
            return Optional.empty();
        }
        return Optional.of(new StaleTickets(host, account.get().samAccountName(), changed, tgt.get().start(), tgt.get().end()));
    }
}
