package org.webims.interworking;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container's T1 (RFC 3261 §17.1.1.1, gateway key sip.t1-millis) for one test, in
 * milliseconds: a test that waits out 64*T1 runs on a small one, since loopback round trips are
 * short. Tests without it run on the default 500 ms ({@link InterworkingTestSupport#t1For}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContainerT1 {
    long value();
}
