package org.webims.sip.cost;

import gov.nist.javax.sip.parser.MessageParser;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.webims.sip.stack.inbound.ScreenedMessageParserFactory;

/**
 * Not a test: one thread's CPU time and allocation to parse each message of the bench's call as the
 * container receives it from SIPp (INVITE with SDP, 180, 200 with SDP and Record-Route, ACK, BYE,
 * 200), with the container's parser. Loaded by {@link ParseCostHarness} once per build.
 */
public final class ParseCostProbe {
    private static final String SDP = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String TO_US = "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-SIGNATURE-5f2d0c9a1b3e4f5a6b7c8d9e0f1a2b3c;rport=5060\r\n"
            + "From: <sip:sipp@127.0.0.1:5061>;tag=7c1e2a9b\r\n"
            + "To: <sip:service@127.0.0.1:5062>;tag=1SIPpTag011\r\n"
            + "Call-ID: 3c2f6f5d0e9b8a7c6d5e4f3a2b1c0d9e@127.0.0.1\r\n";
    private static final String FROM_CALLER = "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-0\r\n"
            + "From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001\r\n"
            + "To: sut <sip:service@127.0.0.1:5060>\r\n"
            + "Call-ID: 1-1234@127.0.0.1\r\n";
    private static final String FROM_CALLER_DIALOG = "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-5\r\n"
            + "From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001\r\n"
            + "To: sut <sip:service@127.0.0.1:5060>;tag=5e8a1f2c\r\n"
            + "Call-ID: 1-1234@127.0.0.1\r\n";

    /** Names and texts of the six messages. */
    public static final List<String> NAMES = List.of("INVITE", "180", "200+SDP+RR", "ACK", "BYE", "200/BYE");
    private static final List<byte[]> CALL = List.of(
            ("INVITE sip:service@127.0.0.1:5060 SIP/2.0\r\n" + FROM_CALLER + "CSeq: 1 INVITE\r\n"
                    + "Contact: sip:sipp@127.0.0.1:5061\r\nMax-Forwards: 70\r\nSubject: Performance Test\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length:   " + SDP.length() + "\r\n\r\n" + SDP),
            ("SIP/2.0 180 Ringing\r\n" + TO_US + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:127.0.0.1:5062;transport=UDP>\r\nContent-Length: 0\r\n\r\n"),
            ("SIP/2.0 200 OK\r\n" + TO_US + "CSeq: 1 INVITE\r\n"
                    + "Record-Route: <sip:127.0.0.1:5064;lr>\r\n"
                    + "Contact: <sip:127.0.0.1:5062;transport=UDP>\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length:   " + SDP.length() + "\r\n\r\n" + SDP),
            ("ACK sip:service@127.0.0.1:5060 SIP/2.0\r\n" + FROM_CALLER_DIALOG + "CSeq: 1 ACK\r\n"
                    + "Contact: sip:sipp@127.0.0.1:5061\r\nMax-Forwards: 70\r\nSubject: Performance Test\r\n"
                    + "Content-Length: 0\r\n\r\n"),
            ("BYE sip:service@127.0.0.1:5060 SIP/2.0\r\n" + FROM_CALLER_DIALOG + "CSeq: 2 BYE\r\n"
                    + "Contact: sip:sipp@127.0.0.1:5061\r\nMax-Forwards: 70\r\nSubject: Performance Test\r\n"
                    + "Content-Length: 0\r\n\r\n"),
            ("SIP/2.0 200 OK\r\n" + TO_US.replace("1-1234", "2-1234") + "CSeq: 2 BYE\r\n"
                    + "Contact: <sip:127.0.0.1:5062;transport=UDP>\r\nContent-Length: 0\r\n\r\n"))
            .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final MessageParser parser = new ScreenedMessageParserFactory().createMessageParser(null);

    /** Parses each message {@code count} times; answers per message: CPU ns, then bytes allocated, per parse. */
    public double[][] run(int count) throws Exception {
        double[][] perMessage = new double[CALL.size()][2];
        long sink = 0;
        for (int m = 0; m < CALL.size(); m++) {
            byte[] bytes = CALL.get(m);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < count; i++) {
                sink += parser.parseSIPMessage(bytes, true, false, null).getSize();
            }
            perMessage[m][0] = (THREADS.getCurrentThreadCpuTime() - cpu) / (double) count;
            perMessage[m][1] = (THREADS.getCurrentThreadAllocatedBytes() - allocated) / (double) count;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the parses from being optimised away
        }
        return perMessage;
    }
}
