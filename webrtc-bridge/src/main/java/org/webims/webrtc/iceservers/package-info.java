/**
 * What browsers are told about STUN and TURN servers (RTCIceServer, W3C webrtc-pc §4.2.1): the
 * servers' URLs (RFC 7064, RFC 7065) and TURN credentials, static or from a shared secret as the
 * TURN REST API has them. Our own ICE-lite agent uses none of them (decision 0008); the browser,
 * the full agent, gathers server-reflexive and relayed candidates through them (decision 0072).
 */
package org.webims.webrtc.iceservers;
