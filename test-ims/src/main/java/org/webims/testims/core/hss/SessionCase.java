package org.webims.testims.core.hss;

/** The session case a trigger point names (TS 29.228 Annex B.2.2, SessionCase). */
public enum SessionCase {
    ORIGINATING("originating"),
    TERMINATING_REGISTERED("terminating-registered"),
    TERMINATING_UNREGISTERED("terminating-unregistered");

    private final String fileName;

    SessionCase(String fileName) {
        this.fileName = fileName;
    }

    /** How the HSS profile file spells it. */
    public String fileName() {
        return fileName;
    }

    public boolean terminating() {
        return this != ORIGINATING;
    }
}
