package org.webims.media.sdp;

/**
 * Bounds on what the parser accepts from the network. The defaults leave room for a WebRTC offer
 * with dozens of BUNDLEd tracks and their candidates, and stop anything much bigger.
 *
 * @param maxSize              characters (or bytes, when parsing bytes) in the whole description
 * @param maxLineLength        characters in one line, without its line end
 * @param maxMediaDescriptions m= lines
 * @param maxAttributes        a= lines in the session section or in any one media section
 */
public record SdpLimits(int maxSize, int maxLineLength, int maxMediaDescriptions, int maxAttributes) {

    public static final SdpLimits DEFAULTS = new SdpLimits(128 * 1024, 4096, 64, 512);

    public SdpLimits {
        if (maxSize <= 0 || maxLineLength <= 0 || maxMediaDescriptions <= 0 || maxAttributes <= 0) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }

    public SdpLimits withMaxSize(int value) {
        return new SdpLimits(value, maxLineLength, maxMediaDescriptions, maxAttributes);
    }

    public SdpLimits withMaxLineLength(int value) {
        return new SdpLimits(maxSize, value, maxMediaDescriptions, maxAttributes);
    }

    public SdpLimits withMaxMediaDescriptions(int value) {
        return new SdpLimits(maxSize, maxLineLength, value, maxAttributes);
    }

    public SdpLimits withMaxAttributes(int value) {
        return new SdpLimits(maxSize, maxLineLength, maxMediaDescriptions, value);
    }
}
