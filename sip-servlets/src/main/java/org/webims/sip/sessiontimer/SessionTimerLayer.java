package org.webims.sip.sessiontimer;

import java.text.ParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * SIP session timers (RFC 4028) as a container feature: where the container's transaction layer
 * and dispatcher hand it what passes, as they do the proxy layer. As UAS it answers too short an
 * interval with 422 before any servlet sees the request (§9) and puts Session-Expires (and
 * Require: timer) on the 2xx the application sends (§9); as UAC it asks for a timer in the
 * initial INVITEs applications send (§7.1), retries a 422 once by itself (§7.4) and reads the
 * answer (§7.2). Each dialog then has its {@link SessionTimer}, refreshed by
 * {@link SessionRefresher} or ended by {@link SessionExpiry} (§10). Dialogs of proxies are left alone.
 */
public final class SessionTimerLayer {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimerLayer.class);

    private final ContainerContext context;
    private final SessionTimerSettings settings;
    private final AtomicInteger running = new AtomicInteger();
    private final SessionTimer.Actions actions;

    public SessionTimerLayer(ContainerContext context, SessionTimerSettings settings) {
        this.context = context;
        this.settings = settings;
        SessionExpiry expiry = new SessionExpiry(context);
        SessionRefresher refresher = new SessionRefresher(context, expiry);
        this.actions = new SessionTimer.Actions() {
            @Override public void refresh(SessionTimer timer) { refresher.refresh(timer); }
            @Override public void expire(SessionTimer timer) { expiry.expire(timer); }
        };
    }

    public SessionTimerSettings settings() {
        return settings;
    }

    /** Session timers running now, for tests and metrics: a leak shows here. */
    public int runningTimers() {
        return running.get();
    }

    private SessionTimer timerOf(ContainerSipSession session) {
        return session.sessionTimer(s -> new SessionTimer(s, context.workers().timers(), actions, running));
    }

    private boolean applies(ContainerSipSession session) {
        return settings.enabled() && session != null && session.proxy() == null;
    }

    private static boolean refreshesSession(String method) {
        return Request.INVITE.equals(method) || Request.UPDATE.equals(method);
    }

    // --- requests received ----------------------------------------------------------------------

    /**
     * RFC 4028 §9: an INVITE or UPDATE from a UAC that supports timers, asking for less than our
     * Min-SE, gets 422 with our Min-SE, before any servlet sees it. True when answered here. Runs
     * on the stack's thread.
     */
    public boolean rejectsTooShort(RequestEvent event) {
        Request request = event.getRequest();
        if (!settings.enabled() || !refreshesSession(request.getMethod())) {
            return false;
        }
        Optional<SessionInterval> asked = SessionTimerHeaders.sessionExpires(request);
        if (asked.isEmpty() || asked.get().seconds() >= settings.minSeSeconds()
                || !SessionTimerHeaders.supportsTimer(request)) {
            return false; // without timer support the UAC could not retry; §8.1 leaves that case to proxies
        }
        ServerTransaction st = context.serverTransactionFor(event);
        if (st == null) {
            return true; // a retransmission: its transaction repeats the 422
        }
        try {
            Response response = context.messages().createResponse(422, request);
            response.setReasonPhrase("Session Interval Too Small");
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(context.sessions().newTag()); // RFC 3261 §8.2.6.2
            }
            SessionTimerHeaders.setMinSe(response, context.headers(), settings.minSeSeconds());
            st.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.atDebug().setCause(e).log("could not send 422");
        }
        return true;
    }

    // --- what applications send -----------------------------------------------------------------

    /** Before a request an application created is sent (on the application's thread). */
    public void beforeSend(ContainerRequest request) {
        ContainerSipSession session = request.containerSession();
        if (!applies(session)) {
            return;
        }
        Request jain = request.jainRequest();
        String method = jain.getMethod();
        rememberLocalSdp(session, jain);
        if (Request.BYE.equals(method)) {
            SessionTimer timer = session.sessionTimer();
            if (timer != null) {
                timer.stop(); // the application ends the dialog
            }
            return;
        }
        if (!refreshesSession(method)) {
            return;
        }
        SessionTimer timer = timerOf(session);
        try {
            if (request.isInitial() && Request.INVITE.equals(method)) {
                // §7.1: Supported: timer, and Session-Expires with our Min-SE unless the application chose one
                SessionTimerHeaders.addSupportedTimer(jain, context.headers());
                timer.setRequestedSeconds(askFor(jain, new SessionInterval(settings.sessionExpiresSeconds(), null)));
            } else if (!request.isInitial() && timer.active()) {
                // §7.4: a re-INVITE or UPDATE the application sends refreshes the session as well
                SessionTimerHeaders.addSupportedTimer(jain, context.headers());
                Refresher refresher = timer.weRefresh() ? Refresher.UAC : Refresher.UAS;
                timer.setRequestedSeconds(askFor(jain, new SessionInterval(timer.intervalSeconds(), refresher)));
            }
        } catch (ParseException e) {
            LOG.atDebug().setCause(e).log("could not add session timer headers");
        }
    }

    /** The request's own Session-Expires, else {@code ours} (with our Min-SE) added to it; returns the seconds asked. */
    private int askFor(Request request, SessionInterval ours) throws ParseException {
        Optional<SessionInterval> own = SessionTimerHeaders.sessionExpires(request);
        if (own.isPresent()) {
            return own.get().seconds();
        }
        SessionTimerHeaders.setSessionExpires(request, context.headers(), ours);
        if (SessionTimerHeaders.minSe(request).isEmpty() && ours.seconds() >= settings.minSeSeconds()) {
            SessionTimerHeaders.setMinSe(request, context.headers(), settings.minSeSeconds());
        }
        return ours.seconds();
    }

    /**
     * Before a response an application created is sent: to a 2xx for an INVITE or UPDATE the
     * container adds the negotiated Session-Expires, and Require: timer where the UAC supports it (§9).
     */
    public void beforeSend(ContainerResponse response) {
        ContainerSipSession session = response.containerSession();
        if (!applies(session)) {
            return;
        }
        Response jain = response.jainResponse();
        rememberLocalSdp(session, jain);
        int status = jain.getStatusCode();
        if (status < 200 || status >= 300 || !refreshesSession(response.getMethod())) {
            return;
        }
        Request request = response.containerRequest().jainRequest();
        SessionTimer timer = timerOf(session);
        timer.setPeerAllowsUpdate(SessionTimerHeaders.allows(request, Request.UPDATE));
        SessionInterval negotiated = UasNegotiation.answer(request, timer, settings);
        try {
            Optional<SessionInterval> own = SessionTimerHeaders.sessionExpires(jain);
            if (own.isEmpty()) {
                SessionTimerHeaders.setSessionExpires(jain, context.headers(), negotiated);
            } else if (own.get().refresher() == null) {
                // §9: the 2xx always names the refresher
                SessionTimerHeaders.setSessionExpires(jain, context.headers(), own.get().withRefresher(negotiated.refresher()));
            }
            if (SessionTimerHeaders.supportsTimer(request)) {
                SessionTimerHeaders.addRequireTimer(jain, context.headers());
            }
        } catch (ParseException e) {
            LOG.atDebug().setCause(e).log("could not add Session-Expires");
        }
    }

    /** After that 2xx went out: the dialog's timer (re)starts with what it said (§9). */
    public void afterSent(ContainerResponse response) {
        ContainerSipSession session = response.containerSession();
        if (!applies(session)) {
            return;
        }
        Response jain = response.jainResponse();
        int status = jain.getStatusCode();
        if (status < 200 || status >= 300 || !refreshesSession(response.getMethod())) {
            return;
        }
        Optional<SessionInterval> sent = SessionTimerHeaders.sessionExpires(jain);
        if (sent.isPresent()) {
            timerOf(session).start(sent.get().seconds(), sent.get().refresher() == Refresher.UAS);
        }
    }

    private void rememberLocalSdp(ContainerSipSession session, Message message) {
        byte[] content = message.getRawContent();
        if (content == null || content.length == 0) {
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType())) {
            timerOf(session).rememberLocalSdp(content, (ContentTypeHeader) type.clone());
        }
    }

    // --- responses and timeouts -----------------------------------------------------------------

    /**
     * A response the stack received. True when it was the container's own (a refresh, an expiry
     * BYE) or a 422 the container retries: then no servlet sees it. Runs on the stack's thread.
     */
    public boolean onResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null) {
            return false;
        }
        Object data = ct.getApplicationData();
        if (data instanceof OwnTransaction own) {
            own.onResponse(event.getResponse());
            return true;
        }
        if (!(data instanceof ContainerRequest request) || !applies(request.containerSession())
                || !refreshesSession(request.getMethod())) {
            return false;
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status == 422 && request.isInitial() && Request.INVITE.equals(request.getMethod())) {
            return retryWithPeersMinSe(request, response);
        }
        if (status >= 200 && status < 300) {
            SessionTimer timer = timerOf(request.containerSession());
            timer.setPeerAllowsUpdate(SessionTimerHeaders.allows(response, Request.UPDATE));
            Optional<SessionInterval> answered = SessionTimerHeaders.sessionExpires(response);
            if (answered.isPresent()) {
                // §7.2: refresher=uac is this side, the UAC of the transaction
                timer.start(answered.get().seconds(), answered.get().refresher() != Refresher.UAS);
            } else if (timer.requestedSeconds() > 0) {
                timer.start(timer.requestedSeconds(), true); // §7.2: the UAS keeps no timer; we refresh what we asked for
            } else {
                timer.stop();
            }
        }
        return false;
    }

    /**
     * RFC 4028 §7.4: a 422 to an initial INVITE is retried once, with Session-Expires and Min-SE
     * the 422's Min-SE, a new CSeq, the same Call-ID and From tag, so that the application sees
     * the retry's responses only. False (the application gets the 422) where there is no Min-SE,
     * it was retried already, or the retry cannot be sent.
     */
    private boolean retryWithPeersMinSe(ContainerRequest request, Response response) {
        OptionalInt minSe = SessionTimerHeaders.minSe(response);
        ContainerSipSession session = request.containerSession();
        SessionTimer timer = timerOf(session);
        if (minSe.isEmpty() || !timer.takeInitialInviteRetry()) {
            return false;
        }
        int seconds = minSe.getAsInt();
        timer.learnMinSe(seconds);
        try {
            Request retry = (Request) request.jainRequest().clone();
            CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            ((ViaHeader) retry.getHeader(ViaHeader.NAME)).removeParameter("branch"); // a new transaction
            Refresher refresher = SessionTimerHeaders.sessionExpires(retry).map(SessionInterval::refresher).orElse(null);
            SessionTimerHeaders.setSessionExpires(retry, context.headers(), new SessionInterval(seconds, refresher));
            SessionTimerHeaders.setMinSe(retry, context.headers(), seconds);
            Dialog old = session.releaseDialog(); // its end must not end the session
            if (old != null) {
                old.delete();
            }
            ClientTransaction ct = context.provider().getNewClientTransaction(retry);
            ct.setApplicationData(request);
            session.bindDialog(context.provider().getNewDialog(ct));
            request.resentAs(retry, ct);
            timer.setRequestedSeconds(seconds);
            ct.sendRequest();
            LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("minSe", seconds).log("422 retried");
            return true;
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not retry after 422");
            return false;
        }
    }

    /** A client transaction timed out: true when it was the container's own. */
    public boolean onTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return false;
        }
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof OwnTransaction own) {
            own.onTimeout();
            return true;
        }
        return false;
    }
}
