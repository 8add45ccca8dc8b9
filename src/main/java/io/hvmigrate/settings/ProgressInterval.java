package io.hvmigrate.settings;

import io.hvmigrate.load.Units;
import java.time.Duration;

/**
 * The {@code progress.interval} setting. Progress costs one remote command per source host and interval; it is worth
 * asking often only while a person watches the terminal's live bars. Plain output prints a move's progress every
 * {@code report.progressEvery} (30 s by default) and warns of a stall after {@code report.stallAfter} (5 min), so a
 * poll every 15 s gives each of those lines fresh figures at a seventh of the commands.
 *
 * @param polls    how often local waits look again (a cancel asked for, a lost migration settling): the setting when
 *                 it is a duration, else {@link #ATTENDED}
 * @param progress how often each source host is asked for progress
 */
public record ProgressInterval(Duration polls, Duration progress) {
    public static final Duration ATTENDED = Duration.ofSeconds(2);
    public static final Duration UNATTENDED = Duration.ofSeconds(15);

    /**
     * @param setting  the setting's value: {@code auto} or a duration (validated by the settings catalogue)
     * @param attended whether a person watches live bars in a terminal
     */
    public static ProgressInterval of(String setting, boolean attended) {
        if ("auto".equals(setting)) {
            return new ProgressInterval(ATTENDED, attended ? ATTENDED : UNATTENDED);
        }
        Duration d = Units.duration(setting);
        return new ProgressInterval(d, d);
    }
}
