package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.webims.media.filter.VideoOverlay;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaPipeline;

/**
 * Our {@link VideoOverlay} as a Kurento filter (reached with {@code GenericMediaElement}).
 * Operations: {@code showText(text, x, y[, pixelHeight=24])}, {@code showImage(uri, x, y)} with a
 * {@code file:} URI or a path on the media server, {@code clear()}; x and y are fractions of the picture.
 */
public final class VideoOverlayType extends ElementType<VideoOverlay> {

    public VideoOverlayType() {
        super("VideoOverlay", VideoOverlay.class, List.of("kurento.Filter"), Set.of());
    }

    @Override
    protected VideoOverlay create(MediaPipeline pipeline, Params params) {
        return new VideoOverlay(pipeline);
    }

    @Override
    protected JsonNode invokeOwn(VideoOverlay overlay, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        switch (operation) {
            case "showText": {
                int height = params.optionalInt("pixelHeight", 24);
                if (height < 1 || height > 1080) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "showText: pixelHeight must be 1..1080, got " + height);
                }
                overlay.showText(params.string("text"), params.number("x"), params.number("y"), height);
                return null;
            }
            case "showImage": {
                Path file = localFile(params.string("uri"));
                try {
                    overlay.showImage(file, params.number("x"), params.number("y"));
                } catch (IOException e) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "showImage: " + e.getMessage());
                }
                return null;
            }
            case "clear":
                overlay.clear();
                return null;
            default:
                throw noSuchOperation(this, operation);
        }
    }

    private static Path localFile(String uri) throws RpcException {
        try {
            return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new RpcException(KurentoError.INVALID_PARAMS, "showImage: 'uri' is not a file URI or path: " + uri);
        }
    }
}
