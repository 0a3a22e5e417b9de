/**
 * The media-control seam between the interworking application and the media engine: SDP in,
 * SDP out, per call. {@code inprocess} implements it over a {@code MediaNode} in the same process.
 */
package org.webims.interworking.media;
