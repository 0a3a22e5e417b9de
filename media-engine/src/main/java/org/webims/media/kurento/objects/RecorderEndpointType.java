package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Set;
import org.webims.media.endpoint.player.EndOfStream;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.Subscription;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * Kurento's RecorderEndpoint (kms-elements RecorderEndpoint.kmd). Constructor parameters as
 * kurento-client's builder sends them: {@code uri} (a {@code file://} URI or a path on the media
 * node), {@code mediaProfile} (a MediaProfileSpecType name, WEBM by default as in KMS) and
 * {@code stopOnEndOfStream}. Operations {@code record}, {@code pause}, {@code stop},
 * {@code stopAndWait}, {@code getUri}, {@code getState}; events Recording, Paused, Stopped and
 * UriEndpointStateChanged. Our MP4 profile is the IMS layout (AMR-WB and H.264); Kurento's
 * (AAC and H.264) is MP4_AAC.
 */
public final class RecorderEndpointType extends ElementType<RecorderEndpoint> {

    public RecorderEndpointType() {
        super("RecorderEndpoint", RecorderEndpoint.class, UriEndpoints.SUPER_TYPES,
                Set.of("Recording", "Paused", "Stopped", "UriEndpointStateChanged"));
    }

    @Override
    protected RecorderEndpoint create(MediaPipeline pipeline, Params params) throws RpcException {
        RecordingProfile profile = profile(params.optionalString("mediaProfile", "WEBM"));
        boolean stopOnEndOfStream = params.has("stopOnEndOfStream") && params.bool("stopOnEndOfStream");
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, params.string("uri"), profile);
        if (stopOnEndOfStream) {
            // KMS stops when its source ends; the player's EndOfStream reaches the pipeline's listeners
            Subscription[] subscription = new Subscription[1];
            subscription[0] = pipeline.addEventListener(event -> stopAtEndOfSource(recorder, event, subscription[0]));
        }
        return recorder;
    }

    private static void stopAtEndOfSource(RecorderEndpoint recorder, MediaEvent event, Subscription subscription) {
        if (recorder.isReleased()) {
            if (subscription != null) {
                subscription.cancel();
            }
            return;
        }
        if (!(event instanceof EndOfStream)) {
            return;
        }
        for (MediaType type : MediaType.values()) {
            MediaElement source = recorder.sourceConnection(type);
            if (source == event.element()) {
                recorder.stop();
                return;
            }
        }
    }

    private static RecordingProfile profile(String name) throws RpcException {
        try {
            return RecordingProfile.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "create RecorderEndpoint: mediaProfile "
                    + name + " is not supported; one of " + Arrays.toString(RecordingProfile.values()));
        }
    }

    @Override
    protected JsonNode invokeOwn(RecorderEndpoint recorder, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        switch (operation) {
            case "record":
                recorder.record();
                return null;
            case "pause":
                recorder.pause();
                return null;
            case "stop":
                recorder.stop();
                return null;
            case "stopAndWait":
                recorder.stopAndWait();
                return null;
            case "getUri":
                return TextNode.valueOf(recorder.getUri());
            case "getState":
                return TextNode.valueOf(recorder.getState().name());
            default:
                throw noSuchOperation(this, operation);
        }
    }

    @Override
    public boolean writeEventFields(MediaEvent event, ObjectNode data) {
        // Recording, Paused and Stopped carry only the common fields
        return UriEndpoints.writeStateChanged(event, data);
    }
}
