/**
 * Send-side bandwidth estimation toward a browser from its transport-wide congestion control
 * feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01), in the manner of Google
 * Congestion Control (draft-ietf-rmcat-gcc-02): a delay-based controller (§5) and a loss-based
 * one (§6), the lower of the two being the estimate. Each class does one step of the draft; the
 * composition is {@link org.webims.webrtc.congestion.SendSideEstimator}.
 */
package org.webims.webrtc.congestion;
