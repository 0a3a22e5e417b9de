package org.webims.media.kurento.objects;

import java.util.List;
import java.util.Set;
import org.webims.media.filter.PassThrough;
import org.webims.media.pipeline.MediaPipeline;

/** Kurento's PassThrough (kms-filters): media in, the same media out. */
public final class PassThroughType extends ElementType<PassThrough> {

    public PassThroughType() {
        super("PassThrough", PassThrough.class, List.of(), Set.of());
    }

    @Override
    protected PassThrough create(MediaPipeline pipeline, Params constructorParams) {
        return new PassThrough(pipeline);
    }
}
