package org.webims.sip.stack;

import java.util.ArrayList;
import java.util.List;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** For tests that drive a bare {@link SipStackHost}: a listener that ignores what it is not given, and new requests. */
public final class StackTestPeer {
    private StackTestPeer() {
    }

    /** A listener that ignores every event; a test overrides the ones it watches. */
    public abstract static class QuietListener implements SipListener {
        @Override public void processRequest(RequestEvent e) { }
        @Override public void processResponse(ResponseEvent e) { }
        @Override public void processTimeout(TimeoutEvent e) { }
        @Override public void processIOException(IOExceptionEvent e) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
    }

    /**
     * An out-of-dialog {@code method} (CSeq 1) from {@code host}, listening on {@code port} of
     * 127.0.0.1, to {@code user} at 127.0.0.1:{@code targetPort} (RFC 3261 §8.1.1).
     */
    public static Request request(SipStackHost host, int port, String method, String user, int targetPort,
                                  String callId, String fromTag) throws Exception {
        SipURI target = host.addressFactory().createSipURI(user, "127.0.0.1:" + targetPort);
        SipURI self = host.addressFactory().createSipURI("uac", "127.0.0.1:" + port);
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(host.headerFactory().createViaHeader("127.0.0.1", port, "udp", null));
        return host.messageFactory().createRequest(target, method,
                host.headerFactory().createCallIdHeader(callId),
                host.headerFactory().createCSeqHeader(1L, method),
                host.headerFactory().createFromHeader(host.addressFactory().createAddress(self), fromTag),
                host.headerFactory().createToHeader(host.addressFactory().createAddress(target), null),
                vias, host.headerFactory().createMaxForwardsHeader(70));
    }
}
