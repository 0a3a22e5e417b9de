package org.webims.sip.container.dispatch;

import java.io.Serializable;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import org.webims.sip.container.deploy.DeployedApplication;

/** The application the router chose for an initial request, and what the router said with it. */
public record ApplicationSelection(DeployedApplication application, SipApplicationRoutingRegion region,
                                   URI subscriberURI, Serializable stateInfo) {
}
