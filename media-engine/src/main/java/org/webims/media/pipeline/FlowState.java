package org.webims.media.pipeline;

/** Whether media is passing a pad, as Kurento reports it. */
public enum FlowState {
    FLOWING,
    NOT_FLOWING
}
