package testapps.lifecycle;

/** Named as a servlet-class by a wrong descriptor. */
public class NotAServlet {
}
