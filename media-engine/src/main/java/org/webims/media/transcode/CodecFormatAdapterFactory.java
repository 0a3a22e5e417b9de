package org.webims.media.transcode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.h264.H264Level;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.UnsupportedConversionException;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.Packetizer;
import org.webims.media.rtp.payload.ResequencingDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.rtp.payload.opus.OpusDepacketizer;
import org.webims.media.sdp.negotiation.H264ProfileLevelId;
import org.webims.media.rtp.payload.opus.OpusPacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Packetizer;
import org.webims.media.sdp.bandwidth.AudioPacketization;

/**
 * The engine's real {@link FormatAdapterFactory} (issue 4: "where formats differ the engine
 * inserts the transcoder itself"). The same codec in another payload layout is repacketized
 * (AMR-WB octet-aligned / bandwidth-efficient, H.264 packetization-mode 0 / 1); another codec is
 * transcoded: Opus, AMR-WB and L16 among each other, VP8, H.264 and I420 among each other. The
 * target's fmtp is honoured (AMR-WB mode-set, octet-align and DTX, on unless dtx=0; Opus useinbandfec, usedtx and
 * maxaveragebitrate; H.264 packetization-mode and profile-level-id). Owns the worker pool the
 * transcoders run on; {@link #close} closes every adapter still open, then the pool.
 */
public final class CodecFormatAdapterFactory implements FormatAdapterFactory, AutoCloseable {

    /** Largest RTP payload we produce: a 1500-byte MTU less IP, UDP, RTP and SRTP overhead. */
    public static final int MAX_PAYLOAD = 1200;
    /**
     * What a packet adds to its payload on the way out: the RTP header (12, RFC 3550 §5.1), our
     * header extensions (mid, abs-send-time, transport-cc: 16 with their RFC 8285 §4.2 header), the
     * SRTP tag (16 for AES-GCM, RFC 7714 §7) and an RTX packet's original sequence number (2, RFC 4588 §4).
     */
    public static final int RTP_OVERHEAD = 12 + 16 + 16 + 2;

    private final AudioCodecs audioCodecs;
    private final TranscodeWorkers workers;
    private final Set<FormatAdapter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Audio codecs from the process-wide back-end, a worker thread per core. */
    public CodecFormatAdapterFactory() {
        this(AudioCodecs.get(), TranscodeWorkers.perCore());
    }

    public CodecFormatAdapterFactory(AudioCodecs audioCodecs, TranscodeWorkers workers) {
        this.audioCodecs = audioCodecs;
        this.workers = workers;
    }

    public TranscodeWorkers workers() {
        return workers;
    }

    @Override
    public FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream,
                                UpstreamControl upstream) throws UnsupportedConversionException {
        return create(from, to, downstream, upstream, 0);
    }

    /** The payload bound of the video packetizers for a sink's packet size bound (0: {@link #MAX_PAYLOAD}). */
    public static int videoPayload(int maxPacketSize) {
        return maxPacketSize == 0 ? MAX_PAYLOAD : maxPacketSize - RTP_OVERHEAD;
    }

    /** Video is packetized within {@code maxPacketSize}; audio packets are far below any MTU, so it stays as it is. */
    @Override
    public FormatAdapter create(MediaFormat from, MediaFormat to, MediaSink downstream,
                                UpstreamControl upstream, int maxPacketSize) throws UnsupportedConversionException {
        if (closed) {
            throw new UnsupportedConversionException(from, to, "transcoding factory is closed");
        }
        if (from.type() != to.type()) {
            throw new UnsupportedConversionException(from, to, "audio and video do not convert");
        }
        FormatAdapter adapter = from.type() == MediaType.AUDIO
                ? audio(from, to, downstream, upstream)
                : video(from, to, downstream, upstream, videoPayload(maxPacketSize));
        open.add(adapter);
        if (closed) { // closed while we built it
            adapter.close();
            throw new UnsupportedConversionException(from, to, "transcoding factory is closed");
        }
        return adapter;
    }

    private FormatAdapter audio(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream)
            throws UnsupportedConversionException {
        AudioFormats.Codec in = AudioFormats.codec(from);
        AudioFormats.Codec out = AudioFormats.codec(to);
        if (in == null || out == null) {
            throw new UnsupportedConversionException(from, to, "only Opus/48000, AMR-WB/16000 and L16 mono are transcoded");
        }
        if (in == AudioFormats.Codec.AMR_WB && out == AudioFormats.Codec.AMR_WB) {
            return new AmrWbRepacketizingAdapter(from, to, downstream, upstream);
        }
        if (in == out && in != AudioFormats.Codec.L16) {
            throw new UnsupportedConversionException(from, to, "same payload format: nothing to adapt");
        }
        int inRate = from.clockRate();
        int outRate = to.clockRate();
        if (inRate != outRate && Math.max(inRate, outRate) % Math.min(inRate, outRate) != 0) {
            throw new UnsupportedConversionException(from, to, "resampling needs an integer rate ratio");
        }
        AudioDecodeStage decode = null;
        AudioEncodeStage encode = null;
        try {
            // each codec is asked for the other side's PCM rate, so e.g. Opus<->AMR-WB runs at
            // 16 kHz with no resampler; the transcoder resamples only where a codec cannot
            decode = decodeStage(in, inRate, pcmRate(out, to));
            encode = encodeStage(out, to, decode.sampleRate());
        } catch (CodecException e) {
            if (decode != null) {
                decode.close();
            }
            throw new UnsupportedConversionException(from, to, e.getMessage());
        }
        PacketOutput output = new PacketOutput(to, downstream, packetizer(out, to));
        AudioTranscoder t = new AudioTranscoder(this, depacketizer(in, from), decode, encode, output,
                framesPerPacket(out, to), out == AudioFormats.Codec.OPUS);
        t.start(workers);
        return t;
    }

    /**
     * Frames a packet from the target's ptime (set where a far end's a=maxprate asks for fewer
     * packets, {@code AudioPacketization}): AMR-WB up to its depacketizer's count, Opus up to 120 ms
     * (RFC 6716 §3.2.5, RFC 7587 §4.2); 1 for L16.
     */
    private static int framesPerPacket(AudioFormats.Codec codec, MediaFormat to) {
        int most = switch (codec) {
            case AMR_WB -> AmrWbDepacketizer.MAX_FRAMES_PER_PACKET;
            case OPUS -> OPUS_MAX_PACKET_MS / AudioPacketization.FRAME_MS;
            case L16 -> 1;
        };
        int frames = to.intParameter(AudioPacketization.PTIME, AudioPacketization.FRAME_MS) / AudioPacketization.FRAME_MS;
        return Math.max(1, Math.min(most, frames));
    }

    /** RFC 6716 §3.2.5: an Opus packet holds at most 120 ms. */
    private static final int OPUS_MAX_PACKET_MS = 120;

    /** The PCM rate {@code codec} itself works at: Opus's full 48 kHz, AMR-WB's 16 kHz, L16's clock. */
    private static int pcmRate(AudioFormats.Codec codec, MediaFormat f) {
        return switch (codec) {
            case OPUS -> OpusDecoder.SAMPLE_RATE;
            case AMR_WB -> AmrWbFrames.SAMPLE_RATE;
            case L16 -> f.clockRate();
        };
    }

    /** Opus at {@code wanted} where libopus runs at it natively (AMR-WB carries nothing above 7 kHz), else 48 kHz. */
    private static int opusRate(int wanted) {
        return OpusDecoder.isNativeSampleRate(wanted) ? wanted : OpusDecoder.SAMPLE_RATE;
    }

    private AudioDecodeStage decodeStage(AudioFormats.Codec codec, int clockRate, int wantedRate) throws CodecException {
        return switch (codec) {
            case OPUS -> AudioDecodeStage.codec(audioCodecs.newOpusDecoder(opusRate(wantedRate)), clockRate);
            case AMR_WB -> AudioDecodeStage.codec(audioCodecs.newAmrWbDecoder(), clockRate);
            case L16 -> AudioDecodeStage.l16(clockRate);
        };
    }

    private AudioEncodeStage encodeStage(AudioFormats.Codec codec, MediaFormat to, int inputRate) throws CodecException {
        return switch (codec) {
            case OPUS -> {
                OpusEncoder e = audioCodecs.newOpusEncoder(opusRate(inputRate));
                // RFC 7587 §6.1: the receiver's useinbandfec, usedtx and maxaveragebitrate
                if (to.intParameter("usedtx", 0) == 1) {
                    e.setDtx(true);
                }
                int max = to.intParameter("maxaveragebitrate", 510_000);
                yield AudioEncodeStage.opus(e, Math.max(6_000, Math.min(510_000, max)),
                        to.intParameter("useinbandfec", 0) == 1);
            }
            case AMR_WB -> {
                int modeSet = AudioFormats.amrWbModeSet(to);
                AmrWbEncoder e = audioCodecs.newAmrWbEncoder(AudioFormats.amrWbModeFor(modeSet, Integer.MAX_VALUE));
                yield AudioEncodeStage.amrWb(e, modeSet, AudioFormats.amrWbDtx(to));
            }
            case L16 -> AudioEncodeStage.l16(to.clockRate());
        };
    }

    private static Depacketizer depacketizer(AudioFormats.Codec codec, MediaFormat from) {
        return switch (codec) {
            case OPUS -> new OpusDepacketizer();
            // be liberal in what we take: any mode the sender used, whatever it declared
            case AMR_WB -> new AmrWbDepacketizer(AudioFormats.amrWbPayload(from), AmrWbFrameType.ALL_MODES);
            case L16 -> new WholePayloadDepacketizer();
        };
    }

    private static Packetizer packetizer(AudioFormats.Codec codec, MediaFormat to) {
        return switch (codec) {
            case OPUS -> new OpusPacketizer(MAX_PAYLOAD);
            case AMR_WB -> new AmrWbPacketizer(AudioFormats.amrWbPayload(to), AudioFormats.amrWbModeSet(to), MAX_PAYLOAD);
            case L16 -> null;
        };
    }

    private FormatAdapter video(MediaFormat from, MediaFormat to, MediaSink downstream, UpstreamControl upstream,
                                int maxPayload) throws UnsupportedConversionException {
        VideoCodecType in = videoCodec(from);
        VideoCodecType out = videoCodec(to);
        boolean rawIn = from.encoding().equalsIgnoreCase("I420");
        boolean rawOut = to.encoding().equalsIgnoreCase("I420");
        if ((in == null && !rawIn) || (out == null && !rawOut)) {
            throw new UnsupportedConversionException(from, to, "only VP8, H.264 and I420 video are transcoded");
        }
        if (rawIn && rawOut) {
            throw new UnsupportedConversionException(from, to, "raw to raw video is a scaler's job, not a link's");
        }
        if (in == VideoCodecType.H264 && out == VideoCodecType.H264) {
            if (H264PacketizationMode.fromSdp(to.intParameter("packetization-mode", 0)) == null) {
                throw new UnsupportedConversionException(from, to, "packetization-mode 2 is not supported");
            }
            return new H264RepacketizingAdapter(to, downstream, upstream, maxPayload);
        }
        if (in != null && in == out) {
            throw new UnsupportedConversionException(from, to, "same payload format: nothing to adapt");
        }
        int rawWidth = rawOut ? to.intParameter("width", 0) : 0;
        int rawHeight = rawOut ? to.intParameter("height", 0) : 0;
        int inWidth = rawIn ? from.intParameter("width", 0) : 0;
        int inHeight = rawIn ? from.intParameter("height", 0) : 0;
        if ((rawOut && (rawWidth < 16 || rawHeight < 16)) || (rawIn && (inWidth < 16 || inHeight < 16))) {
            throw new UnsupportedConversionException(from, to, "I420 needs width and height of at least 16");
        }
        int levelIdc = 0;
        int maxNal = 0;
        Packetizer packetizer = null;
        if (out == VideoCodecType.H264) {
            H264PacketizationMode mode = H264PacketizationMode.fromSdp(to.intParameter("packetization-mode", 0));
            if (mode == null) {
                throw new UnsupportedConversionException(from, to, "packetization-mode 2 is not supported");
            }
            // RFC 6184 §8.1: absent profile-level-id means Baseline level 1.0
            H264ProfileLevelId pli = H264ProfileLevelId.parse(to.parameter("profile-level-id", null))
                    .or(() -> H264ProfileLevelId.parse(H264ProfileLevelId.DEFAULT)).orElseThrow();
            levelIdc = pli.level() == H264ProfileLevelId.LEVEL_1B ? 11 : pli.level();
            // RFC 6184 §6.2: in single NAL unit mode every NAL unit must fit one packet
            maxNal = mode == H264PacketizationMode.SINGLE_NAL ? maxPayload - 100 : 0;
            packetizer = new H264Packetizer(mode, maxPayload);
        } else if (out == VideoCodecType.VP8) {
            packetizer = new Vp8Packetizer(maxPayload, true,
                    java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 15));
        }
        if (out == VideoCodecType.H264) {
            try {
                H264Level.of(levelIdc);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedConversionException(from, to, e.getMessage());
            }
        }
        Depacketizer depacketizer = null;
        org.webims.media.codec.VideoDecoder decoder = null;
        if (!rawIn) {
            depacketizer = new ResequencingDepacketizer(in == VideoCodecType.VP8
                    ? new Vp8Depacketizer(VideoTranscoder.MAX_FRAME_BYTES)
                    : new H264Depacketizer(VideoTranscoder.MAX_FRAME_BYTES));
            try {
                decoder = VideoCodecs.decoder(in);
            } catch (VideoCodecException e) {
                throw new UnsupportedConversionException(from, to, e.getMessage());
            }
        }
        VideoTranscoder.Target target = new VideoTranscoder.Target(out, levelIdc, maxNal, rawWidth, rawHeight);
        return new VideoTranscoder(this, workers, upstream, depacketizer, decoder, inWidth, inHeight, target,
                new PacketOutput(to, downstream, packetizer));
    }

    private static VideoCodecType videoCodec(MediaFormat f) {
        if (f.type() != MediaType.VIDEO || f.clockRate() != 90_000) {
            return null;
        }
        if (f.encoding().equalsIgnoreCase("VP8")) {
            return VideoCodecType.VP8;
        }
        if (f.encoding().equalsIgnoreCase("H264")) {
            return VideoCodecType.H264;
        }
        return null;
    }

    void forget(FormatAdapter adapter) {
        open.remove(adapter);
    }

    /** Adapters made and not yet closed. */
    public int openAdapters() {
        return open.size();
    }

    /** Counters of one adapter this factory made (stage name to count), for getStats and tests. */
    public static Map<String, Long> counters(FormatAdapter adapter) {
        if (adapter instanceof AudioTranscoder a) {
            return a.counters();
        }
        if (adapter instanceof VideoTranscoder v) {
            return v.counters();
        }
        if (adapter instanceof AmrWbRepacketizingAdapter r) {
            return r.counters();
        }
        return Map.of();
    }

    /** The counters of every open adapter, summed by name: a whole-engine view for monitoring. */
    public Map<String, Long> totals() {
        Map<String, Long> sum = new java.util.TreeMap<>();
        for (FormatAdapter a : open) {
            counters(a).forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** Closes every adapter still open, then stops the worker threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (FormatAdapter a : open.toArray(new FormatAdapter[0])) {
            a.close();
        }
        workers.close();
    }
}
