package org.webims.sip.container.apps;

import java.io.IOException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

/** A test application that takes 200 ms over each MESSAGE: an application slower than its load. */
public class SlowMessageServlet extends SipServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doMessage(SipServletRequest request) throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        request.createResponse(200).send();
    }
}
