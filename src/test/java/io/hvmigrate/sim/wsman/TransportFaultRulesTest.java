package io.hvmigrate.sim.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportFaultRulesTest {

    private final TransportFaultRules rules = new TransportFaultRules();

    @Test
    void aOnceRuleAppliesToTheNextMatchingRequestOnly() {
        rules.once("HV1.lab.test", WsmanAction.COMMAND, TransportFault.dropResponse());

        assertThat(rules.decide("hv1.lab.test", WsmanAction.RECEIVE)).isEqualTo(TransportFault.none());
        assertThat(rules.decide("hv1.lab.test", WsmanAction.COMMAND)).isEqualTo(TransportFault.dropResponse());
        assertThat(rules.decide("hv1.lab.test", WsmanAction.COMMAND)).isEqualTo(TransportFault.none());
    }

    @Test
    void aCountedRuleAppliesThatManyTimes() {
        rules.add(new TransportFaultRules.Rule(null, null, 2, TransportFault.hang()));

        assertThat(rules.decide("hv1.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.hang());
        assertThat(rules.decide("hv2.lab.test", WsmanAction.DELETE)).isEqualTo(TransportFault.hang());
        assertThat(rules.decide("hv3.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.none());
    }

    @Test
    void theFirstMatchingRuleWithUsesLeftDecides() {
        rules.once(null, WsmanAction.CREATE, TransportFault.rejectAuthentication())
                .always("hv1.lab.test", null, TransportFault.delay(Duration.ofMillis(5)));

        assertThat(rules.decide("hv1.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.rejectAuthentication());
        assertThat(rules.decide("hv1.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.delay(Duration.ofMillis(5)));
        assertThat(rules.decide("hv2.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.none());
    }

    @Test
    void clearRemovesEveryRule() {
        rules.always(null, null, TransportFault.hang());
        rules.clear();

        assertThat(rules.decide("hv1.lab.test", WsmanAction.CREATE)).isEqualTo(TransportFault.none());
    }
}
