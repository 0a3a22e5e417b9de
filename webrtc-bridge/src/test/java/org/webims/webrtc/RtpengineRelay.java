package org.webims.webrtc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * rtpengine (started by bench/srtp-relay.sh: userspace forwarding, no kernel table, one worker
 * thread) as a subject of the srtp-relay bench: per call an offer and an answer over its ng
 * protocol on loopback, plain RTP between the call's two legs; set up anew for each round, deleted
 * at the end.
 */
final class RtpengineRelay extends RelaySubject {

    private final NgClient ng;
    private final long pid;
    private final int[] farEnds; // per call A's and B's port
    private int generation;

    RtpengineRelay(int calls, int ngPort, long pid) throws IOException {
        super("rtpengine");
        this.ng = new NgClient(ngPort);
        this.pid = pid;
        this.farEnds = new int[2 * calls];
        for (int i = 0; i < farEnds.length; i++) {
            farEnds[i] = SrtpRelayBench.loadPort();
        }
        setUpCalls();
    }

    private String callId(int i) {
        return "bench-" + generation + "-" + i;
    }

    private void setUpCalls() throws IOException {
        legs.clear();
        for (int i = 0; i < farEnds.length / 2; i++) {
            int a = farEnds[2 * i];
            int b = farEnds[2 * i + 1];
            String offer = ng.command("offer", callId(i), "from-a", null, SrtpRelayBench.plainSdp(a));
            String answer = ng.command("answer", callId(i), "from-a", "to-b", SrtpRelayBench.plainSdp(b));
            // A sends where B's answer, as rewritten for A, says; B where A's offer, rewritten for B, says
            legs.add(a + "," + SrtpRelayBench.find(answer, "m=audio (\\d+)") + ",111");
            legs.add(b + "," + SrtpRelayBench.find(offer, "m=audio (\\d+)") + ",111");
        }
    }

    private void deleteCalls() throws IOException {
        for (int i = 0; i < farEnds.length / 2; i++) {
            ng.command("delete", callId(i), "from-a", null, null);
        }
    }

    /**
     * New calls for every round: rtpengine 10.5 stops reading a socket for good once it found more
     * than 50 datagrams queued on it 5 times (MAX_RECV_ITERS, MAX_RECV_LOOP_STRIKES in its
     * media_socket.c), as after a moment without the CPU on a busy host. With fresh calls each
     * time, such a moment costs it the round it fell in, not every later round (before the rounds,
     * decision 0047, each run set up its calls for its one window: the same exposure per window).
     */
    @Override
    List<String> renewCalls() throws IOException {
        deleteCalls();
        generation++;
        setUpCalls();
        return legs;
    }

    @Override
    long pid() {
        return pid;
    }

    @Override
    public void close() throws IOException {
        try {
            deleteCalls();
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
