package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import org.webims.media.endpoint.player.PlayerEndpoint;
import org.webims.media.endpoint.player.VideoInfo;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.playback.MediaFileException;

/**
 * Kurento's PlayerEndpoint (kms-elements PlayerEndpoint.kmd) for local files. Constructor
 * parameters as kurento-client's builder sends them: {@code uri}; {@code useEncodedMedia} and
 * {@code networkCache} are accepted and have nothing to change here (the player always sends the
 * file's encoded frames where it can, and reads no network). Operations {@code play},
 * {@code pause}, {@code stop}, {@code getPosition}, {@code setPosition}, {@code getVideoInfo},
 * {@code getUri}, {@code getState}; events EndOfStream and UriEndpointStateChanged. A file that
 * cannot be played is an Error event, as in KMS.
 */
public final class PlayerEndpointType extends ElementType<PlayerEndpoint> {

    public PlayerEndpointType() {
        super("PlayerEndpoint", PlayerEndpoint.class, UriEndpoints.SUPER_TYPES,
                Set.of("EndOfStream", "UriEndpointStateChanged"));
    }

    @Override
    protected PlayerEndpoint create(MediaPipeline pipeline, Params params) throws RpcException {
        if (params.has("useEncodedMedia")) {
            params.bool("useEncodedMedia");
        }
        params.optionalInt("networkCache", 0);
        return new PlayerEndpoint(pipeline, params.string("uri"));
    }

    @Override
    protected JsonNode invokeOwn(PlayerEndpoint player, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        switch (operation) {
            case "play":
                player.play();
                return null;
            case "pause":
                player.pause();
                return null;
            case "stop":
                player.stop();
                return null;
            case "getPosition":
                return LongNode.valueOf(player.getPosition());
            case "setPosition": {
                double position = params.number("position");
                if (position < 0) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "setPosition: position must not be negative, got " + (long) position);
                }
                player.setPosition((long) position);
                return null;
            }
            case "getVideoInfo":
                return videoInfo(player);
            case "getUri":
                return TextNode.valueOf(player.getUri());
            case "getState":
                return TextNode.valueOf(player.getState().name());
            default:
                throw noSuchOperation(this, operation);
        }
    }

    /** Kurento's VideoInfo complex type. */
    private static JsonNode videoInfo(PlayerEndpoint player) throws RpcException {
        VideoInfo info;
        try {
            info = player.getVideoInfo();
        } catch (MediaFileException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "getVideoInfo: " + e.getMessage());
        }
        ObjectNode value = Json.MAPPER.createObjectNode();
        complexType(value, "VideoInfo");
        value.put("isSeekable", info.isSeekable());
        value.put("seekableInit", info.seekableInit());
        value.put("seekableEnd", info.seekableEnd());
        value.put("duration", info.duration());
        return value;
    }

    @Override
    public boolean writeEventFields(MediaEvent event, ObjectNode data) {
        return UriEndpoints.writeStateChanged(event, data);
    }
}
