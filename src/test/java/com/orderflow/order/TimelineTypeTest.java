package com.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A type longer than the timeline's column failed the step that recorded it (a correction of an address did). */
class TimelineTypeTest {

    @Test
    void everyTypeFitsTheTimelinesColumn() {
        assertThat(Arrays.stream(TimelineType.values()).map(Enum::name)).allSatisfy(name ->
                assertThat(name.length()).as(name).isLessThanOrEqualTo(20));
    }
}
