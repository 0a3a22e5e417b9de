package org.webims.media.codec.h264;

import static org.webims.media.codec.h264.OpenH264.*;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.ConfiguredVideoEncoder;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.video.NativeView;
import org.webims.media.video.I420Picture;

/**
 * H.264 Constrained Baseline encoder on the system's openh264 2.3.1 through JNA: realtime camera
 * usage, bitrate rate control, no frame skipping, one reference frame, CAVLC, fixed SPS/PPS ids
 * (parameter sets repeat before each IDR, so a receiver joining on a key frame can decode),
 * single thread. With {@code maxNalBytes} set, slices are cut by size so every NAL fits one RTP
 * packet (packetization-mode 0, RFC 6184 §6.2). Input pictures must have the encoder's size.
 *
 * <p>The vtable calls go through JNA's {@link Function#invokeInt}, which marshals a small argument
 * array per call; pixel and bitstream memory is never allocated per frame.
 */
public final class OpenH264Encoder extends ConfiguredVideoEncoder {

    private final Memory encoderOut = new Memory(8);
    private final Memory parameters = new Memory(SIZEOF_ENC_PARAM_EXT);
    private final Memory source = new Memory(SIZEOF_SOURCE_PICTURE);
    private final Memory frameInfo = new Memory(SIZEOF_FRAME_BS_INFO);
    private final Memory option = new Memory(8);
    private final NativeView view = new NativeView();
    private final NativeView layerView = new NativeView();
    private long encoder;
    private Pointer encoderPointer;
    private Function encodeFrame;
    private Function forceIntraFrame;
    private Function setOption;
    private Object[] encodeArgs;
    private Object[] forceIntraArgs;
    private boolean initialized;

    public OpenH264Encoder(VideoEncoderConfig config) throws VideoCodecException {
        super(config);
        if (config.codec() != VideoCodecType.H264) {
            throw new IllegalArgumentException("not an H.264 configuration: " + config);
        }
        H264Level level = H264Level.of(config.h264LevelIdc());
        if (!level.fits(config.width(), config.height(), config.fps())) {
            throw new VideoCodecException(config.width() + "x" + config.height() + " at " + config.fps()
                    + " fps exceeds H.264 level " + config.h264LevelIdc() + " (scale it down first)");
        }
        recordBitrate(Math.min(config.bitrateBps(), level.maxBitrateBps()));
        try {
            init(level);
        } catch (VideoCodecException | RuntimeException | UnsatisfiedLinkError e) {
            close();
            throw e;
        }
    }

    private void init(H264Level level) throws VideoCodecException {
        checkVersion();
        encoderOut.setLong(0, 0);
        if (WelsCreateSVCEncoder(Pointer.nativeValue(encoderOut)) != 0 || encoderOut.getLong(0) == 0) {
            throw new VideoCodecException("openh264: WelsCreateSVCEncoder failed");
        }
        encoder = encoderOut.getLong(0);
        encoderPointer = new Pointer(encoder);
        encodeFrame = vtableFunction(encoder, VT_ENCODE_FRAME);
        forceIntraFrame = vtableFunction(encoder, VT_FORCE_INTRA_FRAME);
        setOption = vtableFunction(encoder, VT_SET_OPTION);
        encodeArgs = new Object[] {encoderPointer, source, frameInfo};
        forceIntraArgs = new Object[] {encoderPointer, Boolean.TRUE};

        option.setInt(0, WELS_LOG_ERROR); // openh264 logs to stderr; errors only (refusal here is harmless)
        setOption.invokeInt(new Object[] {encoderPointer, ENCODER_OPTION_TRACE_LEVEL, option});

        parameters.clear();
        call(VT_GET_DEFAULT_PARAMS, "GetDefaultParams", parameters);
        parameters.setInt(P_USAGE_TYPE, CAMERA_VIDEO_REAL_TIME);
        parameters.setInt(P_PIC_WIDTH, config.width());
        parameters.setInt(P_PIC_HEIGHT, config.height());
        parameters.setInt(P_TARGET_BITRATE, targetBitrate());
        parameters.setInt(P_RC_MODE, RC_BITRATE_MODE);
        parameters.setFloat(P_MAX_FRAME_RATE, config.fps());
        parameters.setInt(P_TEMPORAL_LAYER_NUM, 1);
        parameters.setInt(P_SPATIAL_LAYER_NUM, 1);
        parameters.setInt(P_INTRA_PERIOD, config.keyFrameInterval());
        parameters.setInt(P_NUM_REF_FRAME, 1);
        parameters.setInt(P_SPS_PPS_ID_STRATEGY, CONSTANT_ID);
        parameters.setByte(P_PREFIX_NAL_ADDING, (byte) 0);
        parameters.setByte(P_ENABLE_SSEI, (byte) 0);
        parameters.setInt(P_ENTROPY_CODING_MODE, 0); // CAVLC: Baseline has no CABAC
        parameters.setByte(P_ENABLE_FRAME_SKIP, (byte) 0);
        parameters.setInt(P_MAX_BITRATE, level.maxBitrateBps());
        parameters.setShort(P_MULTIPLE_THREAD_IDC, (short) 1);
        parameters.setByte(P_ENABLE_DENOISE, (byte) 0);
        parameters.setByte(P_ENABLE_BACKGROUND_DETECTION, (byte) 1);
        parameters.setByte(P_ENABLE_SCENE_CHANGE_DETECT, (byte) 0); // IDRs only when asked
        long layer = P_SPATIAL_LAYERS;
        parameters.setInt(layer + L_VIDEO_WIDTH, config.width());
        parameters.setInt(layer + L_VIDEO_HEIGHT, config.height());
        parameters.setFloat(layer + L_FRAME_RATE, config.fps());
        parameters.setInt(layer + L_SPATIAL_BITRATE, targetBitrate());
        parameters.setInt(layer + L_MAX_SPATIAL_BITRATE, level.maxBitrateBps());
        parameters.setInt(layer + L_PROFILE_IDC, PRO_BASELINE);
        parameters.setInt(layer + L_LEVEL_IDC, config.h264LevelIdc());
        if (config.maxNalBytes() > 0) {
            parameters.setInt(layer + L_SLICE_MODE, SM_SIZELIMITED_SLICE);
            parameters.setInt(layer + L_SLICE_SIZE_CONSTRAINT, config.maxNalBytes());
            parameters.setInt(P_MAX_NAL_SIZE, config.maxNalBytes());
        } else {
            parameters.setInt(layer + L_SLICE_MODE, SM_SINGLE_SLICE);
            parameters.setInt(layer + L_SLICE_NUM, 1);
            parameters.setInt(P_MAX_NAL_SIZE, 0);
        }
        call(VT_INITIALIZE_EXT, "InitializeExt", parameters);
        initialized = true;
        option.setInt(0, VIDEO_FORMAT_I420);
        setOption(ENCODER_OPTION_DATAFORMAT, "data format");

        source.clear();
        source.setInt(S_COLOR_FORMAT, VIDEO_FORMAT_I420);
        source.setInt(S_PIC_WIDTH, config.width());
        source.setInt(S_PIC_HEIGHT, config.height());
    }

    private void call(int slot, String name, Pointer argument) throws VideoCodecException {
        int rc = vtableFunction(encoder, slot).invokeInt(new Object[] {encoderPointer, argument});
        if (rc != 0) {
            throw new VideoCodecException("openh264 " + name + " failed (" + rc + ") for " + config);
        }
    }

    private void setOption(int optionId, String name) throws VideoCodecException {
        int rc = setOption.invokeInt(new Object[] {encoderPointer, optionId, option});
        if (rc != 0) {
            throw new VideoCodecException("openh264 SetOption " + name + " failed (" + rc + ")");
        }
    }

    @Override
    public boolean encode(I420Picture picture, EncodedVideoFrame out) throws VideoCodecException {
        checkPicture(picture);
        for (int p = 0; p < 3; p++) {
            source.setInt(S_STRIDE + 4L * p, picture.stride(p));
            source.setLong(S_DATA + 8L * p, picture.address(p));
        }
        source.setLong(S_TIMESTAMP, picture.timestamp() / 90); // openh264 counts milliseconds
        if (takeKeyFrameRequest()) {
            forceIntraFrame.invokeInt(forceIntraArgs);
        }
        int rc = encodeFrame.invokeInt(encodeArgs);
        if (rc != 0) {
            throw new VideoCodecException("openh264 EncodeFrame failed (" + rc + ")");
        }
        int frameType = frameInfo.getInt(F_FRAME_TYPE);
        if (frameType == FRAME_TYPE_SKIP) {
            out.clear();
            return false;
        }
        int layers = frameInfo.getInt(F_LAYER_NUM);
        int length = 0;
        for (int l = 0; l < layers; l++) {
            long layer = F_LAYER_INFO + (long) l * SIZEOF_LAYER_BS_INFO;
            int nals = frameInfo.getInt(layer + LAYER_NAL_COUNT);
            layerView.at(frameInfo.getLong(layer + LAYER_NAL_LENGTHS));
            int layerBytes = 0;
            for (int n = 0; n < nals; n++) {
                layerBytes += layerView.getInt(4L * n);
            }
            byte[] target = out.ensureCapacity(length + layerBytes, length);
            view.at(frameInfo.getLong(layer + LAYER_BS_BUF)).read(0, target, length, layerBytes);
            length += layerBytes;
        }
        return finish(out, length, frameType == FRAME_TYPE_IDR, picture);
    }

    @Override
    protected int applyBitrate(int bitsPerSecond) throws VideoCodecException {
        int capped = Math.min(bitsPerSecond, H264Level.of(config.h264LevelIdc()).maxBitrateBps());
        option.setInt(0, SPATIAL_LAYER_ALL); // SBitrateInfo { iLayer, iBitrate }
        option.setInt(4, capped);
        setOption(ENCODER_OPTION_BITRATE, "bitrate");
        return capped;
    }

    @Override
    public String implementation() {
        return "system openh264 " + version();
    }

    @Override
    protected void release() {
        if (encoder != 0) {
            if (initialized) {
                vtableFunction(encoder, VT_UNINITIALIZE).invokeInt(new Object[] {encoderPointer});
            }
            WelsDestroySVCEncoder(encoder);
            encoder = 0;
        }
        encoderOut.close();
        parameters.close();
        source.close();
        frameInfo.close();
        option.close();
    }
}
