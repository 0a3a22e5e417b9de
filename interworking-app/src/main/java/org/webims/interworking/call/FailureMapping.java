package org.webims.interworking.call;

/** The final response a web caller gets for the IMS leg's failure. */
final class FailureMapping {
    private FailureMapping() {
    }

    /**
     * 4xx and 6xx reach the caller as they are (404, 480, 486, 487, 488, 603 mean the same on both
     * sides), but a challenge for credentials the web user cannot give becomes 403; 3xx (we follow
     * no redirects) becomes 480; a 5xx of the IMS becomes 502 Bad Gateway, since this server is up.
     */
    static int webStatus(int imsStatus) {
        if (imsStatus == 401 || imsStatus == 407) {
            return 403;
        }
        if (imsStatus >= 300 && imsStatus < 400) {
            return 480;
        }
        if (imsStatus >= 500 && imsStatus < 600) {
            return 502;
        }
        return imsStatus;
    }
}
