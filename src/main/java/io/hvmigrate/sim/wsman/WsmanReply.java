package io.hvmigrate.sim.wsman;

/** What an operation answers: a response body under its action, or a fault. */
sealed interface WsmanReply {

    /**
     * @param action the response action URI
     * @param body   the inner XML of {@code s:Body}
     */
    record Success(String action, String body) implements WsmanReply {
    }

    record Failure(WsmanFault fault) implements WsmanReply {
    }
}
