package com.orderflow.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;

/**
 * For an optional field of an update that keeps its stored value when left out: an explicit {@code null}
 * is refused, since a client sending one means "the default" and got the old value kept. Left out, the
 * field reads as null as before ({@link #getAbsentValue}); given, it reads as its type's own deserializer
 * reads it.
 */
public final class KeepWhenLeftOut extends JsonDeserializer<Object> implements ContextualDeserializer {

    /** What the problem response says of the field. */
    static final String REASON = "must not be null: leave it out to keep its value, or give one";

    private final JsonDeserializer<?> own;
    private final BeanProperty property;

    public KeepWhenLeftOut() {
        this(null, null);
    }

    private KeepWhenLeftOut(JsonDeserializer<?> own, BeanProperty property) {
        this.own = own;
        this.property = property;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) throws JsonMappingException {
        return new KeepWhenLeftOut(context.findContextualValueDeserializer(property.getType(), property), property);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return own.deserialize(parser, context);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws InvalidNullException {
        throw InvalidNullException.from(context, property == null ? null : PropertyName.construct(property.getName()),
                property == null ? null : property.getType());
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
