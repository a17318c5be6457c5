package com.orderflow.choice;

import com.orderflow.notification.NoticeData;

/** What a customer can answer to a delay notice; the names are those of {@link NoticeData}. */
public enum CustomerChoice {
    KEEP_WAITING(NoticeData.KEEP_WAITING),
    SHIP_AVAILABLE(NoticeData.SHIP_AVAILABLE),
    CANCEL(NoticeData.CANCEL);

    private final String noticeName;

    CustomerChoice(String noticeName) {
        this.noticeName = noticeName;
    }

    public String noticeName() {
        return noticeName;
    }
}
