package org.webims.media.kurento.objects;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;

/**
 * Every object created over the protocol, by id. Any session may address an object by its id
 * (as with KMS: ids are unguessable); its lifetime belongs to the session that created it.
 * Elements released with their pipeline leave here when next looked up or swept.
 */
public final class ObjectRegistry implements ObjectLookup {

    private final Map<String, ManagedObject> objects = new ConcurrentHashMap<>();

    public void add(ManagedObject object) {
        objects.put(object.id(), object);
    }

    @Override
    public ManagedObject find(String id) throws RpcException {
        ManagedObject object = objects.get(id);
        if (object != null && object.isReleased()) {
            objects.remove(id, object);
            object = null;
        }
        if (object == null) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_NOT_FOUND, "no media object '" + id + "'");
        }
        return object;
    }

    /** The object, or null if unknown or released; for events, which must not throw. */
    public ManagedObject peek(String id) {
        ManagedObject object = objects.get(id);
        return object == null || object.isReleased() ? null : object;
    }

    /** Releases the object (a pipeline with its elements) and forgets whatever that released. */
    public void release(ManagedObject object) {
        object.release();
        objects.remove(object.id(), object);
        if (object.isPipeline()) {
            sweep();
        }
    }

    /** Forgets objects released behind the registry's back (elements of a released pipeline). */
    public void sweep() {
        objects.values().removeIf(ManagedObject::isReleased);
    }

    public int size() {
        return objects.size();
    }
}
