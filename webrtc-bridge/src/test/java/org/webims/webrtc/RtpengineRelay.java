package org.webims.webrtc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * rtpengine (started by bench/srtp-relay.sh: userspace forwarding, no kernel table, one worker
 * thread) as a subject of the srtp-relay bench: per call an offer and an answer over its ng
 * protocol on loopback, plain RTP between the call's two legs; the calls are deleted at the end.
 */
final class RtpengineRelay implements RelaySubject {

    private final NgClient ng;
    private final long pid;
    private final int calls;
    private final List<String> legs = new ArrayList<>();

    RtpengineRelay(int calls, int ngPort, long pid) throws IOException {
        this.ng = new NgClient(ngPort);
        this.pid = pid;
        this.calls = calls;
        for (int i = 0; i < calls; i++) {
            int a = SrtpRelayBench.loadPort();
            int b = SrtpRelayBench.loadPort();
            String callId = "bench-" + i;
            String offer = ng.command("offer", callId, "from-a", null, SrtpRelayBench.plainSdp(a));
            String answer = ng.command("answer", callId, "from-a", "to-b", SrtpRelayBench.plainSdp(b));
            // A sends where B's answer, as rewritten for A, says; B where A's offer, rewritten for B, says
            legs.add(a + "," + SrtpRelayBench.find(answer, "m=audio (\\d+)") + ",111");
            legs.add(b + "," + SrtpRelayBench.find(offer, "m=audio (\\d+)") + ",111");
        }
    }

    @Override
    public String name() {
        return "rtpengine";
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public List<String> legs() {
        return legs;
    }

    @Override
    public void close() throws IOException {
        try {
            for (int i = 0; i < calls; i++) {
                ng.command("delete", "bench-" + i, "from-a", null, null);
            }
        } finally {
            ng.close();
        }
    }

    /** rtpengine's ng control protocol: "cookie bencoded-dict" over UDP. */
    static final class NgClient implements AutoCloseable {
        private final DatagramChannel channel;
        private int cookie;

        NgClient(int port) throws IOException {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(SrtpRelayBench.LOOPBACK, 0));
            channel.connect(new InetSocketAddress(SrtpRelayBench.LOOPBACK, port));
            channel.socket().setSoTimeout(5000);
        }

        /** Sends a command and returns the SDP of the reply ("" when it has none); fails on result != ok. */
        String command(String command, String callId, String fromTag, String toTag, String sdp) throws IOException {
            StringBuilder d = new StringBuilder("d");
            d.append(bstr("call-id")).append(bstr(callId));
            d.append(bstr("command")).append(bstr(command));
            d.append(bstr("from-tag")).append(bstr(fromTag));
            if (sdp != null) {
                d.append(bstr("replace")).append("l").append(bstr("origin")).append(bstr("session-connection")).append("e");
                d.append(bstr("sdp")).append(bstr(sdp));
            }
            if (toTag != null) {
                d.append(bstr("to-tag")).append(bstr(toTag));
            }
            String c = "c" + (++cookie);
            channel.write(ByteBuffer.wrap((c + " " + d + "e").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer in = ByteBuffer.allocate(65536);
            long deadline = System.nanoTime() + 5_000_000_000L;
            channel.configureBlocking(false);
            while (true) {
                in.clear();
                if (channel.read(in) > 0) {
                    String reply = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    if (!reply.startsWith(c + " ")) {
                        continue;
                    }
                    if (!reply.contains("6:result2:ok")) {
                        throw new IOException("rtpengine refused " + command + ": " + reply);
                    }
                    int at = reply.indexOf("3:sdp");
                    if (at < 0) {
                        return "";
                    }
                    int colon = reply.indexOf(':', at + 5);
                    int len = Integer.parseInt(reply.substring(at + 5, colon));
                    return reply.substring(colon + 1, colon + 1 + len);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("rtpengine did not answer " + command + " on its ng port");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }

        // bencode byte strings count bytes; our strings are ASCII
        private static String bstr(String s) {
            return s.length() + ":" + s;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
