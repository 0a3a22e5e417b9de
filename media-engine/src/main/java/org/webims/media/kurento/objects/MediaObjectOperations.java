package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaElement;

/**
 * The operations every Kurento MediaObject has (kms-core {@code MediaObject.kmd}): its
 * pipeline, parent and children, name, tags and creation time. Kurento exposes properties
 * as {@code get<Name>}/{@code set<Name>} operations.
 */
final class MediaObjectOperations {

    /** Returned for an operation that is not a MediaObject one. */
    static final JsonNode NOT_HANDLED = MissingNode.getInstance();

    private MediaObjectOperations() {
    }

    static JsonNode invoke(ManagedObject self, String operation, Params params) throws RpcException {
        switch (operation) {
            case "getMediaPipeline":
                return TextNode.valueOf(self.pipeline().id());
            case "getParent":
                // a pipeline has no parent; an element's parent is its pipeline
                return self.isPipeline() ? null : TextNode.valueOf(self.pipeline().id());
            case "getChildren": {
                ArrayNode children = Json.MAPPER.createArrayNode();
                if (self.isPipeline()) {
                    for (MediaElement e : self.pipeline().elements()) {
                        children.add(e.id());
                    }
                }
                return children;
            }
            case "getId":
                return TextNode.valueOf(self.id());
            case "getName":
                return TextNode.valueOf(self.name());
            case "setName":
                self.name(params.string("name"));
                return null;
            case "getCreationTime":
                return Json.MAPPER.getNodeFactory().numberNode((int) self.creationEpochSeconds());
            case "getSendTagsInEvents":
                return Json.MAPPER.getNodeFactory().booleanNode(self.sendTagsInEvents());
            case "setSendTagsInEvents":
                self.sendTagsInEvents(params.bool("sendTagsInEvents"));
                return null;
            case "addTag":
                self.tags().put(params.string("key"), params.string("value"));
                return null;
            case "removeTag":
                self.tags().remove(params.string("key"));
                return null;
            case "getTag": {
                String value = self.tags().get(params.string("key"));
                if (value == null) {
                    throw new RpcException(org.webims.media.kurento.rpc.KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "getTag: no tag '" + params.string("key") + "' on " + self.id());
                }
                return TextNode.valueOf(value);
            }
            case "getTags":
                return tags(self);
            default:
                return NOT_HANDLED;
        }
    }

    /** Kurento's Tag list: {@code [{"key":..,"value":..}]}. */
    static ArrayNode tags(ManagedObject self) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        self.tags().forEach((k, v) -> {
            ObjectNode tag = list.addObject();
            tag.put("key", k);
            tag.put("value", v);
        });
        return list;
    }
}
