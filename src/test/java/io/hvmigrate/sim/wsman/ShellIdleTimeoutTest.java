package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** winrm/config/winrs IdleTimeout: Windows deletes a shell no request used for two hours. */
class ShellIdleTimeoutTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private ScriptedShellHost host;
    private WsmanEndpoint endpoint;
    private RawWsman admin;

    @BeforeEach
    void start() {
        host = new ScriptedShellHost();
        endpoint = TestFleet.https(TestFleet.HOST, host).clock(clock).build().start();
        admin = new RawWsman(endpoint, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void anIdleShellIsDeletedWithTheCommandsItRuns() throws Exception {
        String shellId = admin.createShell();
        admin.command(shellId, "block");

        clock.advance(Duration.ofHours(2).plusSeconds(1));
        RawWsman.Reply reply = admin.delete(shellId);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(Soap.parse(reply.body()).text("//f:WSManFault/@Code")).isEqualTo("2150858843");
        assertThat(host.signals()).containsExactly(Shell.TERMINATE);
        assertThat(endpoint.openShells()).isZero();
    }

    @Test
    void everyRequestOnTheShellStartsItsIdleTimeOver() throws Exception {
        String shellId = admin.createShell();
        clock.advance(Duration.ofMinutes(119));
        admin.command(shellId, "exit 0");
        clock.advance(Duration.ofMinutes(119));

        assertThat(admin.delete(shellId).status()).isEqualTo(200);
    }

    @Test
    void expiredShellsFreeTheUsersQuota() throws Exception {
        for (int i = 0; i < 30; i++) {
            admin.createShell();
        }
        clock.advance(Duration.ofHours(3));

        assertThat(admin.createShell()).isNotBlank();
        assertThat(endpoint.openShells()).isEqualTo(1);
    }

    @Test
    void createAnnouncesTheIdleTimeout() throws Exception {
        try (WsmanEndpoint shortLived = TestFleet.https("hv2.lab.test", host).clock(clock)
                .shellIdleTimeout(Duration.ofMillis(180_500)).build().start()) {
            RawWsman.Reply reply = new RawWsman(shortLived, TestFleet.LOCAL_USER, TestFleet.LOCAL_PASSWORD,
                    Duration.ofSeconds(10)).post(RawWsman.envelope(RawWsman.CREATE, RawWsman.messageId(), null,
                    RawWsman.createBody()));

            assertThat(Soap.parse(reply.body()).text("//rsp:Shell/rsp:IdleTimeOut")).isEqualTo("PT180.500S");
        }
    }
}
