package org.webims.ims.profile;

/** The two call legs of the interworking B2BUA. */
public enum Leg { WEB, IMS }
