/** The events of a WebRtcEndpoint, with Kurento's names and fields. */
package org.webims.webrtc.event;
