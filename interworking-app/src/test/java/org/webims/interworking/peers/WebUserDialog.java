package org.webims.interworking.peers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the web user Alice's JsSIP client writes for one call over its WebSocket (RFC 7118), as
 * text so a test controls every header: the INVITE and the requests inside the dialog, with one
 * Call-ID and From tag, a {@code .invalid} Via host and an outbound ({@code ob}) Contact.
 */
public final class WebUserDialog {
    private static final AtomicLong SEQ = new AtomicLong();
    private static final String FROM = "From: \"Alice\" <sip:alice@ims.test>;tag=";

    private final String target;
    private final String callId = UUID.randomUUID().toString();
    private final String fromTag = "web" + SEQ.incrementAndGet();
    private String extraHeaders = "";
    private String lastInviteVia;

    /** @param target the request-URI and To of the INVITE */
    public WebUserDialog(String target) {
        this.target = target;
    }

    public String callId() {
        return callId;
    }

    public String fromTag() {
        return fromTag;
    }

    /** Header lines, each ending in CRLF, added to the INVITEs written from now on. */
    public void extraHeaders(String lines) {
        extraHeaders = lines;
    }

    /** The Via line of the last INVITE, which its CANCEL repeats (RFC 3261 §9.1). */
    public String lastInviteVia() {
        return lastInviteVia;
    }

    /** Chrome's offer as JsSIP sends it (BUNDLE, ICE, DTLS-SRTP, Opus, VP8 and H.264), with CRLF lines. */
    public static String chromeOffer() throws Exception {
        return Files.readString(Path.of("../media-engine/src/test/resources/sdp/chrome-offer.sdp"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The INVITE with {@code sdp}; with credentials when {@code authorization} is not null. */
    public String invite(int cseq, String authorization, String sdp) {
        lastInviteVia = "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bKinv" + SEQ.incrementAndGet();
        return "INVITE " + target + " SIP/2.0\r\n"
                + lastInviteVia + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <" + target + ">\r\n"
                + FROM + fromTag + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:alicex@" + WebSocketSipPeer.INVALID_HOST + ";transport=ws;ob>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
    }

    /** A request inside the dialog {@code ok} (the 2xx to the INVITE) set up, with no body. */
    public String inDialog(String method, int cseq, SipText ok) {
        return inDialog(method, cseq, ok, null, null);
    }

    /** A request inside the dialog {@code ok} set up, to its Contact (RFC 3261 §12.2.1.1), with {@code body}. */
    public String inDialog(String method, int cseq, SipText ok, String contentType, String body) {
        return method + " " + ok.contactUri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + WebSocketSipPeer.INVALID_HOST + ";branch=z9hG4bK" + method.toLowerCase()
                + SEQ.incrementAndGet() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: " + ok.header("To") + "\r\n"
                + FROM + fromTag + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + (body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length) + "\r\n\r\n"
                + (body == null ? "" : body);
    }
}
