package org.webims.sip.container.message;

import gov.nist.javax.sip.header.AddressParametersHeader;
import java.text.ParseException;
import java.util.Iterator;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.address.JainAddress;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.session.ContainerApplicationSession;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.stack.CachedCallId;
import org.webims.sip.stack.outbound.Identifiers;

/** Creates the requests applications send as a UAC: initial ones (SipFactory, B2buaHelper) and in-dialog ones. */
public final class RequestFactory {
    private final ContainerContext context;
    private final MessageSender sender;

    public RequestFactory(ContainerContext context, MessageSender sender) {
        this.context = context;
        this.sender = sender;
    }

    /** SipFactory.createRequest(appSession, method, from, to): a new dialog-initiating request with a new Call-ID. */
    public ContainerRequest createInitial(ContainerApplicationSession appSession, String method, Address from,
                                          Address to, String handler) {
        checkMethod(method);
        try {
            JainAddress fromCopy = JainAddress.parse(from.toString());
            JainAddress toCopy = JainAddress.parse(to.toString());
            FromHeader fromHeader = (FromHeader) fromCopy.toHeader(FromHeader.NAME);
            ToHeader toHeader = (ToHeader) toCopy.toHeader(ToHeader.NAME);
            URI requestUri = (URI) toHeader.getAddress().getURI().clone();
            if (requestUri instanceof javax.sip.address.SipURI sip) {
                // RFC 3261 §8.1.1.1: the Request-URI is the To URI, less parameters not allowed there
                sip.removeParameter("transport");
                sip.removeParameter("method");
                sip.removeParameter("ttl");
                sip.removeParameter("maddr");
            }
            return initial(appSession, method, fromHeader, toHeader, requestUri, handler, fromCopy, toCopy);
        } catch (ServletParseException | ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot create " + method + " request: " + e.getMessage(), e);
        }
    }

    /**
     * A new initial request in a new session with a new Call-ID, from headers the caller made for it
     * alone; the session's parties are {@code fromParty} and {@code toParty}, or copies of the headers.
     */
    private ContainerRequest initial(ContainerApplicationSession appSession, String method, FromHeader fromHeader,
                                     ToHeader toHeader, URI requestUri, String handler, Address fromParty,
                                     Address toParty) throws ParseException, javax.sip.InvalidArgumentException {
        CallIdHeader callId = CachedCallId.of(Identifiers.callId(context.provider().getListeningPoint().getIPAddress()));
        ContainerSipSession session = context.sessions().createSipSession(appSession, callId.getCallId(), handler);
        fromHeader.setTag(session.localTag());
        toHeader.removeParameter("tag");
        CSeqHeader cseq = context.headers().createCSeqHeader(1L, method);
        MaxForwardsHeader maxForwards = context.headers().createMaxForwardsHeader(70);
        Request request = context.messages().createRequest(requestUri, method, callId, cseq, fromHeader, toHeader,
                new java.util.ArrayList<ViaHeader>(), maxForwards);
        ContainerRequest r = new ContainerRequest(context, request, session, false, true, sender);
        session.setParties(fromParty != null ? fromParty : partyOf(fromHeader), toParty != null ? toParty : partyOf(toHeader));
        session.setInitialRequest(r);
        return r;
    }

    private static Address partyOf(javax.sip.header.HeaderAddress header) {
        return new JainAddress((AddressParametersHeader) ((Header) header).clone(), JainAddress.Mutability.MUTABLE);
    }

    /**
     * SipFactory.createRequest(origRequest, sameCallId) and B2buaHelper.createRequest: a new initial
     * request copying the original's headers other than the system ones and Contact, and its content.
     */
    public ContainerRequest createFrom(ContainerApplicationSession appSession, ContainerRequest original,
                                       boolean sameCallId, String handler) {
        String method = original.getMethod();
        checkMethod(method);
        Request source = original.jainRequest();
        ContainerRequest r;
        try {
            // copies of the received From and To as JAIN-SIP parsed them: no re-encoding and re-parsing
            r = initial(appSession, method, (FromHeader) source.getHeader(FromHeader.NAME).clone(),
                    (ToHeader) source.getHeader(ToHeader.NAME).clone(), (URI) source.getRequestURI().clone(),
                    handler, null, null);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot create " + method + " request: " + e.getMessage(), e);
        }
        Request target = r.jainRequest();
        if (sameCallId) {
            target.setHeader((Header) source.getHeader(CallIdHeader.NAME).clone());
        }
        for (Iterator<?> names = source.getHeaderNames(); names.hasNext(); ) {
            String name = (String) names.next();
            if (SystemHeaders.isSystem(name, source.getMethod(), 0) || name.equalsIgnoreCase("Contact")
                    || name.equalsIgnoreCase("Content-Type")) {
                continue;
            }
            target.removeHeader(name);
            for (Iterator<?> values = source.getHeaders(name); values.hasNext(); ) {
                target.addHeader((Header) ((Header) values.next()).clone());
            }
        }
        byte[] content = source.getRawContent();
        if (content != null) {
            try {
                target.setContent(content.clone(), (javax.sip.header.ContentTypeHeader)
                        source.getHeader("Content-Type").clone());
            } catch (ParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        r.setRelated(original);
        return r;
    }

    /** SipSession.createRequest: in the dialog if there is one, else a new request like the session's first. */
    public ContainerRequest createInSession(ContainerSipSession session, String method) {
        checkMethod(method);
        Dialog dialog = session.dialog();
        try {
            if (dialog != null && dialog.getRemoteTag() != null) {
                Request request = dialog.createRequest(method);
                return new ContainerRequest(context, request, session, false, false, sender);
            }
            ContainerRequest first = session.initialRequest();
            if (first == null) {
                throw new IllegalStateException("session " + session.getId() + " has no dialog to send " + method + " in");
            }
            Request request = (Request) first.jainRequest().clone();
            request.removeHeader(ViaHeader.NAME);
            CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(session.nextCSeqOutsideDialog(cseq.getSeqNumber()));
            cseq.setMethod(method);
            ((gov.nist.javax.sip.message.SIPRequest) request).setMethod(method);
            return new ContainerRequest(context, request, session, false, false, sender);
        } catch (SipException | ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("cannot create " + method + " in session " + session.getId() + ": " + e.getMessage(), e);
        }
    }

    private static void checkMethod(String method) {
        if ("ACK".equals(method) || "CANCEL".equals(method)) {
            throw new IllegalArgumentException(method + " is created from the request or response it belongs to");
        }
    }
}
