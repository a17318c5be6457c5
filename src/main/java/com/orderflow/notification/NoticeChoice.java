package com.orderflow.notification;

/** A choice the customer can make from a delay notice, with their personal link for it. */
public record NoticeChoice(String choice, String url) {

    public String messageKey() {
        return "notice.choice." + choice;
    }
}
