package com.orderflow.notification;

/**
 * A choice the customer can make from a delay notice, with their personal link for it. Once part of the order was
 * sent ({@code partlySent}), cancelling is worded as what it does: the rest is cancelled, the parcel stays theirs.
 */
public record NoticeChoice(String choice, String url, boolean partlySent) {

    public String messageKey() {
        return "notice.choice." + choice + (partlySent && NoticeData.CANCEL.equals(choice) ? "_REST" : "");
    }
}
