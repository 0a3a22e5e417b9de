package org.webims.media.node;

import java.net.InetAddress;
import java.util.List;
import org.webims.media.kurento.KurentoServerSettings;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.transport.PortRange;

/**
 * The command line of a media node process ({@link MediaNodeMain}). Addresses must be literal
 * IPs: a node binds what it is told, it does not resolve names.
 *
 * <pre>
 * --kurento-listen HOST:PORT  Kurento protocol endpoint (default 127.0.0.1:8888; port 0: any)
 * --ports MIN-MAX             UDP media ports (default 40000-49999)
 * --bind ADDR                 media sockets' address (default 127.0.0.1)
 * --public ADDR               address advertised in SDP and ICE instead (1:1 NAT)
 * --web-bind ADDR[=PUB],...   WebRtcEndpoints' sockets (ICE host candidates) instead of --bind: one socket
 *                             per entry, PUB what a NAT maps that entry to; the first is the c= line
 * --web-public ADDR           what a NAT maps the first --web-bind entry to; default --public if
 *                             --web-bind is not given
 * --ims-bind ADDR             RtpEndpoints' sockets (SDP c= line) instead of --bind
 * --ims-public ADDR           what a NAT maps --ims-bind to; default --public if --ims-bind is not given
 * --token TOKEN               clients must present it (?token= or Authorization: Bearer)
 * </pre>
 */
public record MediaNodeOptions(MediaNodeSettings node, KurentoServerSettings kurento) {

    public static final String USAGE = "usage: MediaNodeMain [--kurento-listen HOST:PORT] [--ports MIN-MAX]"
            + " [--bind ADDR] [--public ADDR] [--web-bind ADDR[=PUB],...] [--web-public ADDR] [--ims-bind ADDR] [--ims-public ADDR]"
            + " [--token TOKEN]";

    /** @throws IllegalArgumentException naming the flag and what is wrong with it */
    public static MediaNodeOptions parse(String... args) {
        String listen = "127.0.0.1:8888";
        String ports = "40000-49999";
        String bind = "127.0.0.1";
        String publicAddress = null;
        String webBind = null;
        String webPublic = null;
        String imsBind = null;
        String imsPublic = null;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(known(flag) ? flag + " needs a value" : "unknown flag " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--kurento-listen" -> listen = value;
                case "--ports" -> ports = value;
                case "--bind" -> bind = value;
                case "--public" -> publicAddress = value;
                case "--web-bind" -> webBind = value;
                case "--web-public" -> webPublic = value;
                case "--ims-bind" -> imsBind = value;
                case "--ims-public" -> imsPublic = value;
                case "--token" -> token = value;
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--kurento-listen must be HOST:PORT, got " + listen);
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = number("--kurento-listen", listen.substring(colon + 1), 0, 65535);
        literal("--kurento-listen", host);
        int dash = ports.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("--ports must be MIN-MAX, got " + ports);
        }
        PortRange range;
        try {
            range = new PortRange(number("--ports", ports.substring(0, dash), 1024, 65535),
                    number("--ports", ports.substring(dash + 1), 1024, 65535));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ports: " + e.getMessage());
        }
        if (range.size() < 4) {
            throw new IllegalArgumentException("--ports needs at least 4 ports (an RTP/RTCP pair per medium), got " + ports);
        }
        KurentoServerSettings kurento = KurentoServerSettings.defaults().withHost(host).withPort(port);
        if (token != null) {
            if (token.isEmpty()) {
                throw new IllegalArgumentException("--token must not be empty");
            }
            kurento = kurento.withToken(token);
        }
        MediaInterface both = new MediaInterface(literal("--bind", bind),
                publicAddress == null ? null : literal("--public", publicAddress));
        InetAddress webNat = webPublic == null ? null : literal("--web-public", webPublic);
        List<MediaInterface> web;
        try {
            web = WebInterfaceList.resolve(both, webBind, webNat, "--web-public");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--web-bind: " + e.getMessage());
        }
        MediaNodeSettings node = new MediaNodeSettings(web, side(both, "--ims-bind", imsBind, "--ims-public", imsPublic),
                range, 1, 1 << 20, MediaEngineSettings.defaults());
        return new MediaNodeOptions(node, kurento);
    }

    private static boolean known(String flag) {
        return switch (flag) {
            case "--kurento-listen", "--ports", "--bind", "--public", "--web-bind", "--web-public", "--ims-bind",
                 "--ims-public", "--token" -> true;
            default -> false;
        };
    }

    private static MediaInterface side(MediaInterface shared, String bindFlag, String bind, String publicFlag,
            String publicAddress) {
        return MediaInterface.side(shared, bind == null ? null : literal(bindFlag, bind),
                publicAddress == null ? null : literal(publicFlag, publicAddress));
    }

    private static int number(String flag, String text, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + text + "' is not a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(flag + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static InetAddress literal(String flag, String text) {
        try {
            return MediaInterface.literal(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
