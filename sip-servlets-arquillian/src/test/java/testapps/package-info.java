/**
 * Applications the Arquillian tests deploy. They live outside org.webims, so the application's
 * class loader takes them from the deployed archive, not from the test class path (decision 0004).
 */
package testapps;
