package org.webims.media.kurento.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.session.ClientConnection;

/** A WebSocket channel as the protocol's {@link ClientConnection}. */
final class ChannelConnection implements ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelConnection.class);

    private final Channel channel;

    ChannelConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(String json) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            // a client that does not read its events loses them rather than growing our memory
            LOG.atDebug().addKeyValue("peer", label()).log("write buffer full; message dropped");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    @Override
    public String label() {
        return String.valueOf(channel.remoteAddress());
    }
}
