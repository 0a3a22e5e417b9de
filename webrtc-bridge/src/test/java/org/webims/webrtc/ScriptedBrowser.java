package org.webims.webrtc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;
import org.webims.media.rtp.RtcpMux;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;

/**
 * A stand-in for a browser's transport, for tests that must script exact packets: one UDP socket
 * that nominates itself with an ICE check (built by ice4j's STUN encoder), completes DTLS-SRTP as
 * the answer's other side, then sends and receives SRTP/SRTCP with the srtp package. What it
 * receives is decrypted and kept, RTP and RTCP apart.
 */
public final class ScriptedBrowser implements AutoCloseable {

    /** One decrypted RTP packet the endpoint sent us; {@code packet} is all of it, header extensions included. */
    record Rtp(int payloadType, int ssrc, int sequenceNumber, byte[] payload, byte[] packet) {
    }

    private final DatagramChannel channel;
    private final Thread reader;
    private final StunStack stun = new StunStack();
    private final CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
    private final CompletableFuture<Void> checkAnswered = new CompletableFuture<>();
    final BlockingQueue<Rtp> rtp = new LinkedBlockingQueue<>();
    /** Each decrypted RTCP compound the endpoint sent us. */
    final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    private volatile DtlsSession dtls;
    private volatile SrtpReceiver receiver;
    private SrtpSender sender;
    private InetSocketAddress endpoint;
    private volatile String checkUsername;
    private long rtcpReceived;

    public ScriptedBrowser() throws Exception {
        this(0);
    }

    /** On a given local port (0: any). */
    ScriptedBrowser(int port) throws Exception {
        channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        reader = new Thread(this::read, "scripted-browser");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Takes the endpoint's answer to an offer whose ICE user fragment is {@code ourUfrag}, nominates
     * our address and completes DTLS in the role the answer leaves us; returns when SRTP is keyed.
     */
    void connect(WebRtcEndpoint to, String ourUfrag, String answer, DtlsCertificate ourCertificate, Executor handshakes)
            throws Exception {
        connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), to.localPort()), to.iceCredentials().ufrag(),
                to.iceCredentials().password(), ourUfrag, answer, ourCertificate, handshakes);
    }

    /**
     * As {@link #connect(WebRtcEndpoint, String, String, DtlsCertificate, Executor)}, for an endpoint
     * known only by its answer (a call's, behind SIP): its address, ICE user fragment and password.
     */
    public void connect(InetSocketAddress to, String theirUfrag, String password, String ourUfrag, String answer,
                        DtlsCertificate ourCertificate, Executor handshakes) throws Exception {
        endpoint = to;
        stun.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override public byte[] getLocalKey(String ufrag) { return null; }
            @Override public byte[] getRemoteKey(String ufrag, String media) {
                return password.getBytes(StandardCharsets.UTF_8);
            }
            @Override public boolean checkLocalUserName(String ufrag) { return false; }
        });
        // RFC 8842 §5.3: an endpoint answering actpass with active is the client and we the server; passive, the reverse
        DtlsSession.Role role = answer.contains("a=setup:active") ? DtlsSession.Role.SERVER : DtlsSession.Role.CLIENT;
        DtlsSession session = new DtlsSession(ourCertificate, role, sdpValue(answer, "fingerprint"),
                (b, o, l) -> channel.send(ByteBuffer.wrap(b, o, l), endpoint), handshakes, Duration.ofSeconds(60),
                new DtlsSession.Listener() {
                    @Override public void connected(DtlsSrtpKeys k) { keys.complete(k); }
                    @Override public void failed(String reason) { keys.completeExceptionally(new AssertionError(reason)); }
                });
        dtls = session;
        if (role == DtlsSession.Role.SERVER) {
            session.start();
        }
        String username = theirUfrag + ":" + ourUfrag;
        checkUsername = username;
        for (int attempt = 0; attempt < 20 && !checkAnswered.isDone(); attempt++) {
            channel.send(ByteBuffer.wrap(check(username)), endpoint);
            try {
                checkAnswered.get(500, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // lost or slow: check again, as a browser does
            }
        }
        if (role == DtlsSession.Role.CLIENT) {
            session.start();
        }
        DtlsSrtpKeys k = keys.get(60, TimeUnit.SECONDS);
        sender = new SrtpSender(k.local(), SrtpSettings.DEFAULTS);
        receiver = new SrtpReceiver(k.remote(), SrtpSettings.DEFAULTS);
    }

    /** One more check on the pair {@link #connect} nominated: what a browser sends to keep consent (RFC 7675 §5.1). */
    void refreshConsent() throws Exception {
        channel.send(ByteBuffer.wrap(check(checkUsername)), endpoint);
    }

    // A check as Chromium sends it (RFC 8445 §7.1.1): USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MI, FINGERPRINT.
    private byte[] check(String username) throws Exception {
        Request request = MessageFactory.createBindingRequest();
        request.setTransactionID(TransactionID.createNewTransactionID().getBytes());
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        request.putAttribute(AttributeFactory.createPriorityAttribute(2130706431L));
        request.putAttribute(AttributeFactory.createIceControllingAttribute(7));
        request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(stun);
    }

    /** Protects and sends the plain RTP packet {@code b[0, len)}; returns the SRTP bytes sent (for replaying). */
    public byte[] sendRtp(byte[] b, int len) throws Exception {
        byte[] wire = protectRtp(b, len);
        sendRaw(wire);
        return wire;
    }

    /** Protects the plain RTP packet {@code b[0, len)} without sending it: the SRTP bytes. */
    byte[] protectRtp(byte[] b, int len) {
        byte[] out = Arrays.copyOf(b, len + sender.profile().srtpOverhead() + 16);
        if (sender.protectRtp(out, 0, len) != SrtpResult.OK) {
            throw new AssertionError("could not protect RTP");
        }
        return Arrays.copyOf(out, len + sender.profile().srtpOverhead());
    }

    /** Protects and sends the plain RTCP compound {@code b[0, len)}. */
    void sendRtcp(byte[] b, int len) throws Exception {
        byte[] out = Arrays.copyOf(b, len + sender.profile().srtcpOverhead() + 16);
        if (sender.protectRtcp(out, 0, len) != SrtpResult.OK) {
            throw new AssertionError("could not protect RTCP");
        }
        sendRaw(Arrays.copyOf(out, len + sender.profile().srtcpOverhead()));
    }

    void sendRaw(byte[] wire) throws Exception {
        channel.send(ByteBuffer.wrap(wire), endpoint);
    }

    /** The next RTP packet we received that matches, skipping others; fails after the media wait. */
    Rtp next(Predicate<Rtp> test) throws InterruptedException {
        long deadline = System.nanoTime() + BrowserBed.MEDIA_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Rtp r = rtp.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && test.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no matching RTP packet arrived");
    }

    synchronized long rtcpReceived() { return rtcpReceived; }

    /** The SRTP keys DTLS gave us ({@code local} protects what we send); null before {@link #connect}. */
    DtlsSrtpKeys keys() { return keys.getNow(null); }

    /** Our socket's address: the one the endpoint's ICE check validated. */
    InetSocketAddress localAddress() throws java.io.IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Frees our socket without ending DTLS (no close_notify), so that another process may bind the
     * validated address and go on with the keys (the srtp-relay benchmark's load generator).
     */
    void releaseSocket() throws Exception {
        channel.close();
        reader.join(5000);
        stun.shutDown();
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        RtpPacket view = new RtpPacket();
        try {
            while (channel.isOpen()) {
                buf.clear();
                channel.receive(buf);
                byte[] b = buf.array();
                int len = buf.position();
                int first = b[0] & 0xff;
                if (first <= 3) { // STUN (RFC 7983 §7): a Binding success response answers our check
                    if (len > 1 && first == 1 && (b[1] & 0xff) == 1) {
                        checkAnswered.complete(null);
                    }
                } else if (first >= 20 && first <= 63) {
                    DtlsSession d = dtls;
                    if (d != null) {
                        d.receive(b, 0, len);
                    }
                } else if (first >= 128 && first <= 191 && receiver != null) {
                    if (RtcpMux.isRtcp(b, 0, len)) {
                        if (receiver.unprotectRtcp(b, 0, len) == SrtpResult.OK) {
                            synchronized (this) {
                                rtcpReceived++;
                            }
                            rtcp.add(Arrays.copyOf(b, len - receiver.profile().srtcpOverhead()));
                        }
                    } else if (receiver.unprotectRtp(b, 0, len) == SrtpResult.OK
                            && view.wrap(b, 0, len - receiver.profile().srtpOverhead())) {
                        rtp.add(new Rtp(view.payloadType(), view.ssrc(), view.sequenceNumber(), Arrays.copyOfRange(b,
                                view.payloadOffset(), view.payloadOffset() + view.payloadLength()),
                                Arrays.copyOf(b, len - receiver.profile().srtpOverhead())));
                    }
                }
            }
        } catch (java.io.IOException e) {
            // closed
        }
    }

    /** The value of the first {@code a=name:} line. */
    static String sdpValue(String sdp, String name) {
        Matcher m = Pattern.compile("a=" + name + ":([^\\r\\n]+)").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("no a=" + name + " in " + sdp);
        }
        return m.group(1).trim();
    }

    @Override
    public void close() throws Exception {
        DtlsSession d = dtls;
        if (d != null) {
            d.close();
        }
        channel.close();
        reader.join(5000);
        stun.shutDown();
    }
}
