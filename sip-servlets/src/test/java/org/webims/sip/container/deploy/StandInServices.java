package org.webims.sip.container.deploy;

import java.lang.reflect.Proxy;
import java.util.List;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * Stand-ins for the runtime's SipFactory, TimerService and SipSessionsUtil, which are being
 * written alongside this package: deployment only hands them to the application, so each is an
 * object of the interface that refuses every call.
 */
final class StandInServices {

    private StandInServices() {
    }

    static ContainerServices withExtensions(String... optionTags) {
        return new ContainerServices(standIn(SipFactory.class), standIn(TimerService.class),
                standIn(SipSessionsUtil.class), List.of(), List.of(optionTags));
    }

    private static <T> T standIn(Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return "stand-in " + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    throw new UnsupportedOperationException("stand-in " + type.getSimpleName() + "." + method.getName());
            }
        });
        return type.cast(proxy);
    }
}
