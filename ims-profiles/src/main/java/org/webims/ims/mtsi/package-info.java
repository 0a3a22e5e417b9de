/**
 * The MTSI media profile (TS 26.114) on the IMS leg: {@link org.webims.ims.mtsi.MtsiCapabilities}
 * turns a carrier profile's media policy into the offer/answer capabilities of
 * {@code org.webims.media.sdp.negotiation}; {@link org.webims.ims.mtsi.QosPreconditions} keeps the
 * RFC 3312 qos precondition status (segmented, TS 24.229 §6.1.2) of a stream.
 */
package org.webims.ims.mtsi;
