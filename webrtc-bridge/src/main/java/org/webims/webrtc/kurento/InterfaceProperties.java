package org.webims.webrtc.kurento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.webims.media.kurento.objects.Params;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;

/**
 * Kurento's WebRtcEndpoint properties {@code externalIPv4}, {@code externalIPv6} and
 * {@code networkInterfaces} (kms-elements WebRtcEndpoint.kmd) for one endpoint. They shape the
 * candidates, so they are taken only before the endpoint offers, answers or gathers; KMS takes a
 * late one silently and it has no effect there, we answer MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, as for
 * a malformed address or an interface name that carries none of the node's web interfaces.
 */
final class InterfaceProperties {

    private String networkInterfaces = "";

    static boolean handles(String operation) {
        return switch (operation) {
            case "getExternalIPv4", "setExternalIPv4", "getExternalIPv6", "setExternalIPv6",
                 "getNetworkInterfaces", "setNetworkInterfaces" -> true;
            default -> false;
        };
    }

    /** Runs one of the operations {@link #handles} accepts. */
    synchronized JsonNode invoke(WebRtcEndpoint endpoint, List<WebRtcEndpointContext.WebInterface> interfaces,
            String operation, Params params) throws RpcException {
        try {
            switch (operation) {
                case "getExternalIPv4":
                    return text(endpoint.externalAddress(false));
                case "getExternalIPv6":
                    return text(endpoint.externalAddress(true));
                case "setExternalIPv4":
                    endpoint.setExternalAddress(false, address(params.string("externalIPv4"), false));
                    return null;
                case "setExternalIPv6":
                    endpoint.setExternalAddress(true, address(params.string("externalIPv6"), true));
                    return null;
                case "getNetworkInterfaces":
                    return TextNode.valueOf(networkInterfaces);
                case "setNetworkInterfaces": {
                    String names = params.string("networkInterfaces").strip();
                    endpoint.keepInterfaces(NetworkInterfaceNames.select(names,
                            interfaces.stream().map(w -> w.ports().bindAddress()).toList()));
                    networkInterfaces = names;
                    return null;
                }
                default:
                    throw new IllegalArgumentException(operation);
            }
        } catch (IllegalArgumentException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, operation + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            if (endpoint.isReleased()) {
                throw e; // the element type answers a released endpoint
            }
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, operation + ": " + e.getMessage());
        }
    }

    private static JsonNode text(InetAddress address) {
        return TextNode.valueOf(address == null ? "" : address.getHostAddress());
    }

    /** A literal address of the family, or null for an empty text (none); never a name lookup. */
    private static InetAddress address(String text, boolean ipv6) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        boolean literal = ipv6 ? t.contains(":") && t.matches("[0-9A-Fa-f:.]+")
                : t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (literal) {
            try {
                InetAddress a = InetAddress.getByName(t); // a literal: parsed, not resolved
                if ((a instanceof java.net.Inet6Address) == ipv6) {
                    return a;
                }
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not an IPv" + (ipv6 ? 6 : 4) + " address");
    }
}
