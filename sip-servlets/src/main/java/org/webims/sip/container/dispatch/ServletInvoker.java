package org.webims.sip.container.dispatch;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.TooManyHopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;

/**
 * Calls the session's handler servlet with a request or a response, on the application
 * session's executor, with the application's class loader, and cleans up after it.
 */
public final class ServletInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(ServletInvoker.class);
    private static final ThreadLocal<ContainerSipSession> CURRENT = new ThreadLocal<>();

    /** The session whose servlet runs on this thread now, if any (for sessions the servlet creates). */
    public static ContainerSipSession current() {
        return CURRENT.get();
    }

    public void deliver(ContainerSipSession session, ContainerRequest request) {
        session.queuedForServlet(); // JSR 289 §6.2.3.1: not ready to invalidate until shown
        session.containerApplicationSession().executor().execute(() -> {
            session.takenForServlet();
            run(session, request, null);
        });
    }

    /**
     * As {@link #deliver(ContainerSipSession, ContainerRequest)}, on this thread when the
     * application session is idle. Only from a worker thread (the initial request's routing), never
     * the stack's.
     */
    public void deliverHere(ContainerSipSession session, ContainerRequest request) {
        session.queuedForServlet();
        session.containerApplicationSession().executor().executeHere(() -> {
            session.takenForServlet();
            run(session, request, null);
        });
    }

    public void deliver(ContainerSipSession session, ContainerResponse response) {
        session.queuedForServlet();
        session.containerApplicationSession().executor().execute(() -> {
            session.takenForServlet();
            run(session, null, response);
        });
    }

    /**
     * Calls the servlet on this thread, which must be the application session's executor: the
     * proxy layer decides what to forward only after the servlet has seen a response (JSR 289 §10.2.4).
     */
    public void invokeNow(ContainerSipSession session, ContainerRequest request, ContainerResponse response) {
        run(session, request, response);
    }

    private void run(ContainerSipSession session, ContainerRequest request, ContainerResponse response) {
        if (!session.isValid()) {
            if (request != null) {
                answerUnhandled(request, 481, "Session Gone");
            }
            return;
        }
        SipServlet servlet = session.containerApplicationSession().application().servlet(session.handler());
        if (servlet == null) {
            LOG.atWarn().addKeyValue("handler", session.handler()).log("no handler servlet for session");
            if (request != null) {
                answerUnhandled(request, 500, "No Handler Servlet");
            }
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(session.containerApplicationSession().application().classLoader());
        ContainerSipSession outer = CURRENT.get();
        CURRENT.set(session);
        session.touch();
        try {
            servlet.service(request, response);
        } catch (TooManyHopsException e) {
            // JSR 289 §10.2: getProxy on a request with Max-Forwards 0; RFC 3261 §16.3 step 3
            if (request != null) {
                answerUnhandled(request, 483, "Too Many Hops");
            }
        } catch (ServletException | IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("servlet", session.handler()).setCause(e).log("servlet failed");
            // JSR 289 §7.2.4 in spirit: a request the servlet failed on gets 500, not silence
            if (request != null) {
                answerUnhandled(request, 500, "Server Internal Error");
            }
        } finally {
            // set, not remove: a pool thread keeps its entry instead of allocating one per message
            CURRENT.set(outer);
            thread.setContextClassLoader(previous);
        }
        if (session.isValid()) {
            session.invalidateIfReady();
        } else if (session.containerApplicationSession().isValid()) {
            session.containerApplicationSession().invalidateIfReady();
        }
    }

    private static void answerUnhandled(ContainerRequest request, int status, String reason) {
        if (!request.incoming() || request.finalResponseSent() || "ACK".equals(request.getMethod())) {
            return;
        }
        try {
            request.createResponse(status, reason).send();
        } catch (IOException | RuntimeException e) {
            LOG.atDebug().setCause(e).log("could not answer failed request");
        }
    }
}
