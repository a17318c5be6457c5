package com.orderflow.notification;

/** A notice taken from the outbox by one sender, to be e-mailed. */
record OutboxNotice(long id, String claim, String dedupKey, String orderId, NoticeKind kind, String recipient,
                    String recipientName, String subject, String text, String html, int attempts) {
}
