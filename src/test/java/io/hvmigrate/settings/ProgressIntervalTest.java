package io.hvmigrate.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressIntervalTest {

    @Test
    void autoPollsProgressOftenOnlyWhileAPersonWatchesLiveBars() {
        assertThat(ProgressInterval.of("auto", true)).isEqualTo(new ProgressInterval(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        // unattended: progress less often, but a cancel or a settling migration is still looked at every 2 s
        assertThat(ProgressInterval.of("auto", false)).isEqualTo(new ProgressInterval(Duration.ofSeconds(2), Duration.ofSeconds(15)));
    }

    @Test
    void aDurationIsTakenAsWrittenForBoth() {
        assertThat(ProgressInterval.of("250ms", false)).isEqualTo(new ProgressInterval(Duration.ofMillis(250), Duration.ofMillis(250)));
        assertThat(ProgressInterval.of("5s", true)).isEqualTo(new ProgressInterval(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @Test
    void theSettingAcceptsAutoOrADurationAndDefaultsToAuto() {
        Setting s = SettingsCatalog.standard().get("progress.interval").orElseThrow();
        assertThat(s.defaultValue()).isEqualTo("auto");
        assertThat(s.validator().apply("auto")).isNull();
        assertThat(s.validator().apply("3s")).isNull();
        assertThat(s.validator().apply("sometimes")).contains("duration");
    }
}
