package io.hvmigrate.transport.sealed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.Bus;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.EndpointReferenceType;

/**
 * The CXF conduit under a WinRM4J client whose host is reached over plain HTTP: WinRM4J builds the WS-Management
 * messages and reads the answers as always; this conduit carries each one sealed over its {@link SealedChannel}
 * instead of handing it to Apache HttpClient, whose connection pool cannot keep a security context per connection.
 * It extends {@link AsyncHTTPConduit} only because WinRM4J configures its client through that type.
 */
final class SealedConduit extends AsyncHTTPConduit {
    private final SealedChannel channel;
    private final URI uri;

    SealedConduit(Bus bus, EndpointInfo endpoint, EndpointReferenceType target, AsyncHTTPConduitFactory factory,
                  SealedChannel channel, URI uri) throws IOException {
        super(bus, endpoint, target, factory);
        this.channel = channel;
        this.uri = uri;
    }

    @Override
    public void prepare(Message message) {
        message.setContent(java.io.OutputStream.class, new Request(message));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } finally {
            super.close();
        }
    }

    /** The SOAP message CXF writes; closing it makes the exchange and hands CXF the answer. */
    private final class Request extends ByteArrayOutputStream {
        private final Message outMessage;
        private boolean sent;

        Request(Message outMessage) {
            super(4096);
            this.outMessage = outMessage;
        }

        @Override
        public void close() throws IOException {
            if (sent) {
                return;
            }
            sent = true;
            HTTPClientPolicy policy = getClient(outMessage);
            SealedChannel.Response response = channel.exchange(toByteArray(),
                    Duration.ofMillis(policy.getConnectionTimeout()), Duration.ofMillis(policy.getReceiveTimeout()));
            if (response.status() != 200 && response.status() != 500 || response.body().length == 0) {
                throw new HTTPException(response.status(), response.status() == 401
                        ? "Unauthorized" : response.reason(), uri.toURL());
            }
            Exchange exchange = outMessage.getExchange();
            Message in = new MessageImpl();
            in.setExchange(exchange);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(response.headers());
            in.put(Message.PROTOCOL_HEADERS, headers);
            in.put(Message.RESPONSE_CODE, response.status());
            in.put(Message.CONTENT_TYPE, "application/soap+xml;charset=UTF-8");
            in.put(Message.ENCODING, "UTF-8");
            in.setContent(java.io.InputStream.class, new ByteArrayInputStream(response.body()));
            incomingObserver.onMessage(in);
        }
    }
}
