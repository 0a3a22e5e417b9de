package testapps.lifecycle;

/** A second servlet class, so one application can hold two distinct classes. */
public class OtherRecordingServlet extends RecordingServlet {
    private static final long serialVersionUID = 1L;
}
