package org.webims.sip.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.stack.inbound.ScreenedMessageParserFactory;
import org.webims.sip.stack.inbound.ScreeningMessageProcessorFactory;
import org.webims.sip.stack.inbound.ScreeningNetworkLayer;
import org.webims.sip.stack.timer.TimerT1;
import org.webims.sip.stack.timer.WheelSipTimer;

/**
 * Owns one JAIN-SIP stack: its properties, its listening points and the one provider that
 * carries every transport. Knows nothing of servlets; the container plugs in a {@link SipListener}.
 */
public final class SipStackHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipStackHost.class);
    /** The SIP UDP socket's receive buffer asked of the kernel: a second of datagrams at 300 calls/s. */
    static final int UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final SipStackSettings settings;
    private final SipFactory sipFactory;
    private SipStack stack;
    private SipProvider provider;
    private SipListener listener;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();

    public SipStackHost(SipStackSettings settings) {
        this.settings = settings;
        this.sipFactory = privateSipFactory();
    }

    /** RFC 3261 §17.1.1.1's T1 this stack's timers run on. */
    public TimerT1 t1() {
        return settings.t1();
    }

    /**
     * A JAIN-SIP factory of its own (path gov.nist): SipFactory.getInstance() is one per JVM and
     * would let two stacks in one process (tests, composed deployments) share state.
     */
    public static SipFactory privateSipFactory() {
        try {
            var constructor = SipFactory.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            SipFactory factory = constructor.newInstance();
            factory.setPathName("gov.nist");
            return factory;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a JAIN-SIP factory", e);
        }
    }

    /**
     * Opens every listening point, then asks {@code listenerFactory} (which may use this host's
     * provider and factories) for the listener that receives all events.
     */
    public synchronized void start(Function<SipStackHost, SipListener> listenerFactory)
            throws SipStackStartException {
        if (stack != null) {
            throw new IllegalStateException("already started");
        }
        try {
            stack = new ContainerSipStack(stackProperties());
            for (ListenAddress address : settings.listenAddresses()) {
                ListeningPoint lp = stack.createListeningPoint(
                        address.host(), address.port(), address.transport().jainSipName());
                listeningPoints.add(lp);
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
                LOG.atInfo().addKeyValue("transport", address.transport())
                        .addKeyValue("address", address.host() + ":" + address.port()).log("sip listening");
            }
            listener = listenerFactory.apply(this);
            provider.addSipListener(listener);
            stack.start();
        } catch (Exception e) {
            close();
            throw new SipStackStartException("cannot start SIP stack: " + e.getMessage(), e);
        }
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", settings.name());
        // The container creates dialogs itself where the servlet API asks for them.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // NIO processors are the ones that carry WS and WSS (RFC 7118); ours frame TCP and WS
        // themselves and screen UDP at the socket, before JAIN-SIP parses (docs/decisions/0005).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", ScreeningMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", ScreeningNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreenedMessageParserFactory.class.getName());
        settings.inbound().writeTo(p);
        settings.webSocketOrigins().writeTo(p);
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageBytes()));
        // Answer to the port a request came from, not the Via's (RFC 3581 behaviour for every
        // request): a client behind NAT, or one whose Via is wrong, still gets its answer.
        p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        // JAIN-SIP's own .invalid rewriting casts every Contact URI to a SIP URI; ours checks first.
        p.setProperty("gov.nist.javax.sip.PATCH_SIP_WEBSOCKETS_HEADERS", "false");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jMessageLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // One UDP processing thread: datagrams of a dialog (an ACK then a BYE sent back to back)
        // reach the application in arrival order. The listener only hands events to executors,
        // and parsing costs tens of microseconds, so one thread carries thousands of messages a second.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // RFC 3261 §13.2.2.4: 2xx from other forks may come for 64*T1 after the first. The stack
        // then makes a dialog for each other To tag (the container's derived sessions, JSR 289
        // §6.2.3.2); it finds the INVITE's transaction for 24 s beyond its 8 s linger (both at the
        // default T1: they follow a configured one, T1ScaledTasks).
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "24");
        // Transaction and dialog timers on a timer wheel: one wake-up per tick, not one per deadline.
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", WheelSipTimer.class.getName());
        // RFC 3261 §17.1.1.1: that timer runs JAIN-SIP's T1-clocked timers on the configured T1
        settings.t1().writeTo(p);
        // JAIN-SIP asks for a 64 KiB UDP receive buffer: about 60 datagrams, so a pause of a few
        // tens of milliseconds at a few thousand messages a second drops datagrams, and each drop
        // costs a retransmission or a failed call. The kernel caps this at net.core.rmem_max.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_RECEIVE_BUFFER_BYTES));
        addTlsProperties(p);
        return p;
    }

    /** TLS and WSS (RFC 3261 §26, RFC 7118 §5): key material and policy, only where configured. */
    private void addTlsProperties(Properties p) {
        if (settings.tls() != null) {
            TlsStackProperties.addTo(p, settings.tls());
        }
    }

    /** Who hears of a client's SIP WebSocket connection closing (decision 0091); null before start. */
    public synchronized WebSocketClosures webSocketClosures() {
        return stack instanceof ContainerSipStack c ? c.webSocketClosures() : null;
    }

    public SipProvider provider() {
        return provider;
    }

    public MessageFactory messageFactory() {
        return factory(sipFactory::createMessageFactory);
    }

    public HeaderFactory headerFactory() {
        return factory(sipFactory::createHeaderFactory);
    }

    public AddressFactory addressFactory() {
        return factory(sipFactory::createAddressFactory);
    }

    private interface FactoryCall<T> {
        T create() throws Exception;
    }

    private static <T> T factory(FactoryCall<T> call) {
        try {
            return call.create();
        } catch (Exception e) {
            throw new IllegalStateException("JAIN-SIP factory unavailable", e);
        }
    }

    /** The listening points actually open, in the order configured. */
    public synchronized List<ListeningPoint> listeningPoints() {
        return List.copyOf(listeningPoints);
    }

    /** Closes every socket and stops the stack's threads. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (stack == null) {
            return;
        }
        try {
            if (provider != null) {
                if (listener != null) {
                    provider.removeSipListener(listener);
                }
                for (ListeningPoint lp : listeningPoints) {
                    try {
                        provider.removeListeningPoint(lp);
                    } catch (Exception e) {
                        LOG.debug("removing listening point {}", lp, e);
                    }
                }
                // no deleteSipProvider: deleting the last provider stops the stack, and stop() below
                // would stop it a second time
            }
            for (ListeningPoint lp : listeningPoints) {
                try {
                    stack.deleteListeningPoint(lp);
                } catch (Exception e) {
                    LOG.debug("deleting listening point {}", lp, e);
                }
            }
        } catch (Exception e) {
            LOG.warn("error while closing SIP provider", e);
        } finally {
            stack.stop(); // PromptStopSipStack: returns with its threads ended and its ports free
            stack = null;
            provider = null;
            listener = null;
            listeningPoints.clear();
            LOG.info("sip stack stopped");
        }
    }
}
