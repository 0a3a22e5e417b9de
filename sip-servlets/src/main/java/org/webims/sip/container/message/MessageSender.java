package org.webims.sip.container.message;

import java.io.IOException;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.Rel100Exception;
import javax.servlet.sip.TooManyHopsException;

/** The container's transaction layer as messages see it: how they are sent and what they derive. */
public interface MessageSender {
    void send(ContainerRequest request) throws IOException;

    void send(ContainerResponse response) throws IOException;

    void sendReliably(ContainerResponse response) throws Rel100Exception;

    ContainerRequest createCancel(ContainerRequest invite);

    ContainerRequest createAck(ContainerResponse response);

    ContainerRequest createPrack(ContainerResponse response) throws Rel100Exception;

    B2buaHelper b2buaHelper(ContainerRequest request);

    /** The request's proxy (JSR 289 §10.2): the session's, or a new one if {@code create}. */
    Proxy proxy(ContainerRequest request, boolean create) throws TooManyHopsException;
}
