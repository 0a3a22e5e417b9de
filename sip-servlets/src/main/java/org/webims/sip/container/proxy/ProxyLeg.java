package org.webims.sip.container.proxy;

import javax.sip.message.Response;
import org.webims.sip.container.message.ContainerMessage;

/**
 * What a client transaction opened by the proxy belongs to: a branch of a proxied initial request
 * or a relayed in-dialog request. It is the transaction's application data; called on stack threads.
 */
interface ProxyLeg {
    void onResponse(Response response, ContainerMessage.Endpoints endpoints);

    /** The client transaction timed out (RFC 3261 §17.1: Timer B or F). */
    void onTimeout();
}
