package io.hvmigrate.sim.wsman;

import io.hvmigrate.sim.wsman.soap.WsmanRequest;

/** One action of the Windows Remote Shell. */
interface WsmanOperation {

    WsmanReply handle(WsmanRequest request, Caller caller) throws InterruptedException;
}
