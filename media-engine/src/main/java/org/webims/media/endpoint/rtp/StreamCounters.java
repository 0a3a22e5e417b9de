package org.webims.media.endpoint.rtp;

import java.util.Map;

/**
 * Counters of one media stream. Each field has one writer (the receive path's I/O thread, the
 * sending thread, or RTCP under its lock), so plain fields suffice; {@link #putInto} may read
 * slightly stale values from another thread, which is fine for statistics.
 */
final class StreamCounters {

    // receive path
    long rtpReceived;
    long rtpBytesReceived;
    long payloadBytesReceived;
    long badRtp;
    long unknownPayloadType;
    long srtpUnprotectFailures;
    long droppedNotReceiving;
    long dtmfEvents;
    long lossEvents;
    long rtxReceived;
    long rtxNotRestored;
    // send path
    long rtpSent;
    long rtpBytesSent;
    long notSent;
    long sendFormatMismatch;
    long sendBufferFull;
    long sendErrors;
    long srtpProtectFailures;
    // RTCP
    long rtcpReceived;
    long badRtcp;
    long srReceived;
    long rrReceived;
    long byeReceived;
    long keyframeRequestsReceived;
    long bitrateLimitsReceived;
    /** Limits (REMB, TMMBR tuples) dropped because their senders sent no RTCP for 5 report intervals. */
    long bitrateLimitsExpired;
    long rtcpSent;
    long rtcpReportsWithheld;
    long keyframeRequestsSent;
    long plisSent;
    long firsSent;
    long keyframeRequestsSuppressed;
    long bitrateLimitsSent;
    long tmmbnSent;
    long nacksSent;

    void putInto(String prefix, Map<String, Long> out) {
        out.put(prefix + "rtpPacketsReceived", rtpReceived);
        out.put(prefix + "rtpBytesReceived", rtpBytesReceived);
        out.put(prefix + "badRtpPackets", badRtp);
        out.put(prefix + "unknownPayloadType", unknownPayloadType);
        out.put(prefix + "srtpUnprotectFailures", srtpUnprotectFailures);
        out.put(prefix + "droppedNotReceiving", droppedNotReceiving);
        out.put(prefix + "dtmfEvents", dtmfEvents);
        out.put(prefix + "lossEvents", lossEvents);
        out.put(prefix + "rtpPacketsSent", rtpSent);
        out.put(prefix + "rtpBytesSent", rtpBytesSent);
        out.put(prefix + "notSent", notSent);
        out.put(prefix + "sendFormatMismatch", sendFormatMismatch);
        out.put(prefix + "sendBufferFull", sendBufferFull);
        out.put(prefix + "sendErrors", sendErrors);
        out.put(prefix + "srtpProtectFailures", srtpProtectFailures);
        out.put(prefix + "rtcpPacketsReceived", rtcpReceived);
        out.put(prefix + "badRtcpPackets", badRtcp);
        out.put(prefix + "senderReportsReceived", srReceived);
        out.put(prefix + "receiverReportsReceived", rrReceived);
        out.put(prefix + "byeReceived", byeReceived);
        out.put(prefix + "keyframeRequestsReceived", keyframeRequestsReceived);
        out.put(prefix + "bitrateLimitsReceived", bitrateLimitsReceived);
        out.put(prefix + "bitrateLimitsExpired", bitrateLimitsExpired);
        out.put(prefix + "rtcpPacketsSent", rtcpSent);
        out.put(prefix + "rtcpReportsWithheld", rtcpReportsWithheld);
        out.put(prefix + "keyframeRequestsSent", keyframeRequestsSent);
        out.put(prefix + "pliSent", plisSent);
        out.put(prefix + "firSent", firsSent);
        out.put(prefix + "keyframeRequestsSuppressed", keyframeRequestsSuppressed);
        out.put(prefix + "bitrateLimitsSent", bitrateLimitsSent);
        out.put(prefix + "tmmbnSent", tmmbnSent);
        out.put(prefix + "nackSent", nacksSent);
        out.put(prefix + "rtxReceived", rtxReceived);
        out.put(prefix + "rtxNotRestored", rtxNotRestored);
    }
}
