package org.webims.testims.ua;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.negotiation.OfferAnswerException;

/**
 * One call of an {@link ImsUserAgent}, placed or received: its dialog, the responses to its
 * INVITE, the SDP each side sent, and whether it has ended.
 */
public final class ImsCall {
    private static final Logger LOG = LoggerFactory.getLogger(ImsCall.class);
    private final ImsUserAgent agent;
    private final boolean outgoing;
    private final UaMedia media;
    private final Request invite;
    private final List<Response> inviteResponses = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Response> finalResponse = new CompletableFuture<>();
    private final CompletableFuture<Request> ack = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile Dialog dialog;
    volatile ServerTransaction inviteTransaction;
    volatile ClientTransaction inviteClientTransaction;
    volatile boolean awaitingPrack;
    /** The qos preconditions of this call (RFC 3312), null when it has none. */
    volatile org.webims.interworking.ims.SessionPreconditions preconditions;
    /** Whether our SDP answer went in a reliable provisional response, so the 200 carries none (RFC 3261 §13.3.1.4). */
    volatile boolean answeredReliably;
    /** Whether we have alerted (180) on an incoming call with preconditions: only once they are met (RFC 3312 §5.1). */
    volatile boolean alerted;
    /** Whether our UPDATE telling the peer that our segment is reserved has gone (RFC 3312 §5.1). */
    volatile boolean localStatusSent;
    /** Our To tag on an incoming call whose provisional responses we build (RFC 3261 §8.2.6.2: one per dialog). */
    volatile String localTag;
    /** Whether we sent the 200 to an incoming INVITE. */
    volatile boolean answered;
    volatile String localSdp;
    volatile String remoteSdp;

    ImsCall(ImsUserAgent agent, boolean outgoing, Request invite, UaMedia media) {
        this.agent = agent;
        this.outgoing = outgoing;
        this.invite = invite;
        this.media = media;
    }

    public boolean outgoing() {
        return outgoing;
    }

    /** The INVITE as sent (outgoing) or as received (incoming). */
    public Request invite() {
        return invite;
    }

    /** Every response to our INVITE, in arrival order (outgoing calls). */
    public List<Response> inviteResponses() {
        return List.copyOf(inviteResponses);
    }

    public List<Integer> inviteStatuses() {
        return inviteResponses.stream().map(Response::getStatusCode).toList();
    }

    public String localSdp() {
        return localSdp;
    }

    public String remoteSdp() {
        return remoteSdp;
    }

    public Dialog dialog() {
        return dialog;
    }

    /** Waits for the INVITE's final response (outgoing calls). */
    public Response awaitFinalResponse(Duration timeout) throws Exception {
        return finalResponse.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the caller's ACK (incoming calls). */
    public Request awaitAck(Duration timeout) throws Exception {
        return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until a BYE ends the call from either side. */
    public void awaitEnded(Duration timeout) throws Exception {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isEnded() {
        return ended.isDone();
    }

    /** Answers an incoming call with 200 and our SDP answer. */
    public void answer() throws Exception {
        agent.answer(this);
    }

    /** Sends BYE and waits for its final response. */
    public Response hangUp(Duration timeout) throws Exception {
        Response r = agent.sendInDialog(this, Request.BYE, null, timeout);
        markEnded();
        return r;
    }

    /** Sends UPDATE (RFC 3311) with a new offer and waits for its final response. */
    public Response update(Duration timeout) throws Exception {
        String offer = media.offer();
        Response r = agent.sendInDialog(this, Request.UPDATE, offer, timeout);
        if (r.getStatusCode() / 100 == 2) {
            localSdp = offer;
            remoteSdp = bodyOf(r);
        }
        return r;
    }

    /**
     * Sends a re-INVITE offering {@code direction} on the ports the call already uses, waits for
     * its final response and acknowledges a 2xx: sendonly holds the other side, sendrecv resumes
     * (RFC 3264 §8.4).
     */
    public Response reInvite(Direction direction, Duration timeout) throws Exception {
        String offer = media.offer(direction);
        Response r = agent.sendInDialog(this, Request.INVITE, offer, timeout);
        if (r.getStatusCode() / 100 == 2) {
            localSdp = offer;
            remoteSdp = bodyOf(r);
        }
        return r;
    }

    /**
     * Sends a re-INVITE that adds H.264 video to the call ({@code video}) or drops it (its m-line
     * with port 0, RFC 3264 §8.2), audio kept as it is; waits for the final response and, on a
     * 2xx, receives the video the answer agreed (echoing it back with {@code echo}) or stops.
     * Media must have been started.
     */
    public Response reInviteVideo(boolean video, boolean echo, Duration timeout) throws Exception {
        String offer = media.offerVideo(video);
        Response r = agent.sendInDialog(this, Request.INVITE, offer, timeout);
        if (r.getStatusCode() / 100 == 2) {
            localSdp = offer;
            remoteSdp = bodyOf(r);
            media.answerReceived(offer, remoteSdp);
            media.videoAsNegotiated(echo);
        }
        return r;
    }

    /** This call's media: its sockets, and the streams once started. */
    public UaMedia media() {
        return media;
    }

    public boolean isAnswered() {
        return answered;
    }

    /** The answer to our offer in a reliable 183, with the far end's qos status (RFC 3312 §6). */
    void earlyAnswer(Response r) throws SdpParseException, OfferAnswerException {
        remoteSdp = bodyOf(r);
        preconditions.update(remoteSdp);
        media.answerReceived(localSdp, remoteSdp);
    }

    void onInviteResponse(Response r) {
        inviteResponses.add(r);
        if (r.getStatusCode() >= 200) {
            if (r.getStatusCode() < 300 && r.getRawContent() != null) {
                remoteSdp = bodyOf(r);
                if (outgoing && localSdp != null) {
                    try {
                        media.answerReceived(localSdp, remoteSdp);
                    } catch (Exception e) {
                        // media().start() then says that no audio was agreed
                        LOG.atDebug().setCause(e).log("the answer to our offer does not fit it");
                    }
                }
            }
            finalResponse.complete(r);
            if (r.getStatusCode() >= 300) {
                release();
            }
        }
    }

    void onAck(Request r) {
        ack.complete(r);
    }

    void markEnded() {
        ended.complete(null);
        release();
    }

    void release() {
        media.close();
    }

    static String bodyOf(javax.sip.message.Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }
}
