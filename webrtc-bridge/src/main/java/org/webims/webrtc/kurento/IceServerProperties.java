package org.webims.webrtc.kurento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;
import org.webims.media.kurento.objects.Params;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;

/**
 * Kurento's WebRtcEndpoint properties {@code stunServerAddress}, {@code stunServerPort} and
 * {@code turnUrl} (kms-elements WebRtcEndpoint.kmd) for one endpoint: checked, kept and read back.
 * Our ICE-lite agent gathers no candidates (decision 0008), so nothing here reaches the media
 * path; a browser gets its STUN/TURN servers from the application (decision 0072).
 */
final class IceServerProperties {

    /** kms's default {@code stun-server-port}, the STUN port of RFC 8489 §9. */
    static final int DEFAULT_STUN_PORT = 3478;

    // kms-elements: "user:password@address:port(?transport=[udp|tcp|tls])"
    private static final Pattern TURN_URL =
            Pattern.compile("[^:@]+:[^@]+@(\\[[0-9A-Fa-f:.]+\\]|[^:@\\[\\]]+):\\d{1,5}(\\?transport=(udp|tcp|tls))?");

    private String stunServerAddress = "";
    private int stunServerPort = DEFAULT_STUN_PORT;
    private String turnUrl = "";

    static boolean handles(String operation) {
        return switch (operation) {
            case "getStunServerAddress", "setStunServerAddress", "getStunServerPort", "setStunServerPort",
                 "getTurnUrl", "setTurnUrl" -> true;
            default -> false;
        };
    }

    /** Runs one of the operations {@link #handles} accepts. */
    synchronized JsonNode invoke(String operation, Params params) throws RpcException {
        switch (operation) {
            case "getStunServerAddress":
                return TextNode.valueOf(stunServerAddress);
            case "setStunServerAddress":
                stunServerAddress = params.string("stunServerAddress").strip();
                return null;
            case "getStunServerPort":
                return IntNode.valueOf(stunServerPort);
            case "setStunServerPort": {
                int port = params.optionalInt("stunServerPort", -1);
                if (port < 1 || port > 65535) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "setStunServerPort: 'stunServerPort' must be 1..65535");
                }
                stunServerPort = port;
                return null;
            }
            case "getTurnUrl":
                return TextNode.valueOf(turnUrl);
            case "setTurnUrl": {
                String url = params.string("turnUrl").strip();
                if (!url.isEmpty() && !TURN_URL.matcher(url).matches()) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "setTurnUrl: 'turnUrl' must be user:password@address:port(?transport=[udp|tcp|tls]), or empty");
                }
                turnUrl = url;
                return null;
            }
            default:
                throw new IllegalArgumentException(operation);
        }
    }
}
