package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: the CPU cost of encoding the bench call's messages, JAIN-SIP's {@code encodeAsBytes}
 * and {@link MessageEncoder} alternately in the same JVM, one thread's CPU time per message.
 * Run: {@code java -cp test-classes:classes:DEPS org.webims.sip.stack.outbound.EncodeCostHarness [rounds] [perRound]}.
 */
public final class EncodeCostHarness {
    private EncodeCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<SIPMessage> messages = new ArrayList<>();
        for (String text : MessageEncoderTest.callForHarness()) {
            messages.add(new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (boolean ours : new boolean[] {false, true}) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    SIPMessage m = messages.get(i % messages.size());
                    sink += (ours ? MessageEncoder.encode(m, "UDP") : m.encodeAsBytes("UDP")).length;
                }
                double ns = (threads.getCurrentThreadCpuTime() - start) / (double) perRound;
                System.out.printf("round %d %-9s %.0f ns per message%n", round, ours ? "encoder" : "jain-sip", ns);
            }
        }
        System.out.println("(bytes " + sink + ")");
    }
}
