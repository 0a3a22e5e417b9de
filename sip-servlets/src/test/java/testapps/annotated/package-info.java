/** A SIP application declared by annotations only. */
@SipApplication(name = "annotated-app", mainServlet = "Greeter", sessionTimeout = 7, distributable = true)
package testapps.annotated;

import javax.servlet.sip.annotation.SipApplication;
