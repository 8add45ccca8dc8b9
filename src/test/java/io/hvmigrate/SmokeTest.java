package io.hvmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() {
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
    }
}
