package org.webims.media.codec.opus;

import org.webims.media.codec.AudioEncoder;

/**
 * Opus encoder: mono PCM at {@link #sampleRate()} (48 kHz by default, or 8/12/16/24 kHz, RFC 6716
 * §2), 20 ms frames (960 samples at 48 kHz, 320 at 16 kHz), application VOIP. The RTP clock stays
 * 48 kHz whatever the input rate (RFC 7587 §4.1). WebRTC signals
 * {@code opus/48000/2} in SDP, but a mono stream is a valid Opus stream for it (RFC 7587 §7).
 *
 * <p>{@link #encode} writes one Opus packet (RFC 6716 §3) — exactly an RTP payload (RFC 7587 §4.2).
 * With DTX on, silent frames come out as packets of {@link #DTX_PACKET_MAX_BYTES} bytes or less,
 * which need not be sent (RFC 7587 §3.1.3).
 */
public interface OpusEncoder extends AudioEncoder {

    int SAMPLE_RATE = 48_000;
    /** Opus's RTP timestamp clock, whatever rate the PCM is at (RFC 7587 §4.1). */
    int RTP_CLOCK_RATE = 48_000;
    int FRAME_SAMPLES = 960;
    /** libopus: "packets of 2 bytes or less need not be transmitted" (DTX). */
    int DTX_PACKET_MAX_BYTES = 2;
    int DEFAULT_BITRATE = 32_000;
    int DEFAULT_COMPLEXITY = 10;
    /** Largest packet we let the encoder write; 1275 bytes is one Opus frame's maximum (RFC 6716 §3.2.1). */
    int MAX_PACKET_BYTES = 1275;

    @Override
    default int maxEncodedBytes() {
        return MAX_PACKET_BYTES;
    }

    /** Encoder complexity 0..10 (CPU against quality); default {@value #DEFAULT_COMPLEXITY}. */
    void setComplexity(int complexity);

    /** In-band FEC (LBRR): each packet carries a coarse copy of the previous frame. */
    void setInbandFec(boolean enabled);

    /** Expected packet loss 0..100 %: how much redundancy FEC spends. */
    void setPacketLossPercent(int percent);

    /** Whether a packet of this length is a DTX packet that need not be sent. */
    static boolean isDtxPacket(int length) {
        return length <= DTX_PACKET_MAX_BYTES;
    }
}
