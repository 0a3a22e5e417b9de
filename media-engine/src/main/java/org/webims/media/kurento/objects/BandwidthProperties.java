package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.sdp.bandwidth.SdpBandwidths;

/**
 * Kurento's bandwidth properties of SdpEndpoint ({@code maxVideoRecvBandwidth},
 * {@code maxAudioRecvBandwidth}) and BaseRtpEndpoint ({@code minVideoRecvBandwidth},
 * {@code minVideoSendBandwidth}, {@code maxVideoSendBandwidth}), kbit/s, 0 for none, on both endpoint
 * types. Set, they hold from the next offer or answer on, as in Kurento. Our defaults are 0 (no b=
 * line, no send bound beyond the encoder's own rate), not kms's 100/500 kbit/s send bounds.
 */
public final class BandwidthProperties {

    private BandwidthProperties() {
    }

    public static boolean handles(String operation) {
        return property(operation) != null;
    }

    /** Runs a get or set {@link #handles} accepts on the endpoint's current bandwidths. */
    public static JsonNode invoke(String operation, Params params, Supplier<SdpBandwidths> current,
            Consumer<SdpBandwidths> update) throws RpcException {
        String property = property(operation);
        SdpBandwidths b = current.get();
        if (operation.startsWith("get")) {
            return IntNode.valueOf(switch (property) {
                case "maxVideoRecvBandwidth" -> b.maxVideoRecvKbps();
                case "maxAudioRecvBandwidth" -> b.maxAudioRecvKbps();
                case "minVideoRecvBandwidth" -> b.minVideoRecvKbps();
                case "minVideoSendBandwidth" -> b.minVideoSendKbps();
                default -> b.maxVideoSendKbps();
            });
        }
        int kbps = params.optionalInt(property, -1);
        if (kbps < 0) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    operation + ": '" + property + "' must be an integer number of kbit/s, 0 or more (0: none)");
        }
        update.accept(switch (property) {
            case "maxVideoRecvBandwidth" -> b.withMaxVideoRecvKbps(kbps);
            case "maxAudioRecvBandwidth" -> b.withMaxAudioRecvKbps(kbps);
            case "minVideoRecvBandwidth" -> b.withMinVideoRecvKbps(kbps);
            case "minVideoSendBandwidth" -> b.withVideoSendKbps(kbps, b.maxVideoSendKbps());
            default -> b.withVideoSendKbps(b.minVideoSendKbps(), kbps);
        });
        return null;
    }

    private static String property(String operation) {
        if (operation.length() < 4 || !(operation.startsWith("get") || operation.startsWith("set"))) {
            return null;
        }
        String name = Character.toLowerCase(operation.charAt(3)) + operation.substring(4);
        return switch (name) {
            case "maxVideoRecvBandwidth", "maxAudioRecvBandwidth", "minVideoRecvBandwidth", "minVideoSendBandwidth",
                 "maxVideoSendBandwidth" -> name;
            default -> null;
        };
    }
}
