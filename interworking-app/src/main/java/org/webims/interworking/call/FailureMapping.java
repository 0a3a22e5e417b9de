package org.webims.interworking.call;

/** Final responses of one leg's failure as the other leg's caller gets them. */
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

    /**
     * The final response the IMS caller gets for the web leg's failure: 4xx and 6xx as they are,
     * but a web client's challenge, a redirect (we follow none), no answer in time (408) and a
     * browser's 5xx become 480 Temporarily Unavailable: the user cannot be reached now.
     */
    static int imsStatus(int webStatus) {
        if (webStatus == 401 || webStatus == 407 || webStatus == 408 || (webStatus >= 300 && webStatus < 400)
                || (webStatus >= 500 && webStatus < 600)) {
            return 480;
        }
        return webStatus;
    }
}
