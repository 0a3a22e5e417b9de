package org.webims.ims.profile;

/** How the AS treats a SIP extension toward IMS: not at all, in Supported, or in Require. */
public enum ExtensionPolicy {
    NONE, SUPPORTED, REQUIRED;

    public boolean used() {
        return this != NONE;
    }
}
