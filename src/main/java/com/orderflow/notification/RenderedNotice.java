package com.orderflow.notification;

/** A notice as the customer will read it. */
record RenderedNotice(String subject, String text, String html) {
}
