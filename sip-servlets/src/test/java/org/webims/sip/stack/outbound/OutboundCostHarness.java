package org.webims.sip.stack.outbound;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Not a test: the CPU cost of the outbound work this package replaces, JAIN-SIP's way and ours
 * alternately in the same JVM, one thread's CPU time per operation: encoding the bench call's
 * messages ({@code encodeAsBytes} against {@link MessageEncoder}), branches and Call-IDs.
 * Run: {@code java -cp test-classes:classes:DEPS org.webims.sip.stack.outbound.OutboundCostHarness [rounds] [perRound]}.
 */
public final class OutboundCostHarness {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OutboundCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<SIPMessage> messages = new ArrayList<>();
        for (String text : MessageEncoderTest.callForHarness()) {
            messages.add(new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null));
        }
        int n = messages.size();
        Utils jain = Utils.getInstance();
        for (int round = 0; round < rounds; round++) {
            measure(round, "encode jain-sip", perRound, i -> messages.get(i % n).encodeAsBytes("UDP").length);
            measure(round, "encode ours", perRound, i -> MessageEncoder.encode(messages.get(i % n), "UDP").length);
            measure(round, "branch jain-sip", perRound, i -> jain.generateBranchId().length());
            measure(round, "branch ours", perRound, i -> Identifiers.branch().length());
            measure(round, "call-id jain-sip", perRound, i -> jain.generateCallIdentifier("127.0.0.1").length());
            measure(round, "call-id ours", perRound, i -> Identifiers.callId("127.0.0.1").length());
        }
    }

    private static void measure(int round, String what, int count, IntToLongFunction operation) {
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            sink += operation.applyAsLong(i);
        }
        double ns = (THREADS.getCurrentThreadCpuTime() - start) / (double) count;
        System.out.printf("round %d %-17s %6.0f ns per operation (%d)%n", round, what, ns, sink & 1);
    }
}
