package org.webims.media.kurento.objects;

import org.webims.media.kurento.rpc.RpcException;

/** Finds the object a parameter names (an id, or a transaction's {@code newref:N}). */
@FunctionalInterface
public interface ObjectLookup {

    /** @throws RpcException MEDIA_OBJECT_NOT_FOUND if there is none, or it was released */
    ManagedObject find(String id) throws RpcException;
}
