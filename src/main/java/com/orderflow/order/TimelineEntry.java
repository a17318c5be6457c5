package com.orderflow.order;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;

/** One thing that happened to an order; its details (kind, amount, reason...) appear beside type and time. */
@JsonPropertyOrder({"type", "at"})
public record TimelineEntry(TimelineType type, Instant at, @JsonIgnore Map<String, Object> details) {

    @JsonAnyGetter
    public Map<String, Object> detailFields() {
        return details;
    }
}
