package org.webims.testims.core.isc;

import org.webims.testims.core.hss.SessionCase;

/**
 * Where the S-CSCF was in serving a request when it sent it to an AS: the session case, the
 * served user and the iFC to evaluate next when the request comes back (TS 24.229 §5.4.3.2 step 4).
 */
public record ServiceContext(SessionCase sessionCase, String servedUser, int nextFilterIndex) {
}
