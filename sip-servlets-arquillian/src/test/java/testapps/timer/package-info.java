/** An application declared by annotations only, deployed as a JavaArchive. */
@SipApplication(name = "timer-app", mainServlet = "EchoLater")
package testapps.timer;

import javax.servlet.sip.annotation.SipApplication;
