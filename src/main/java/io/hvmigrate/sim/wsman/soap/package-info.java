/**
 * SOAP 1.2 / WS-Addressing 2004/08 / WS-Management as the Windows Remote Shell speaks it: reading requests (StAX, one
 * shared factory, no DOM), writing responses and faults in Windows' shape, and the {@code multipart/encrypted} framing
 * of sealed messages.
 */
package io.hvmigrate.sim.wsman.soap;
