package com.orderflow.notification;

import java.time.Instant;

/**
 * A customer notice as support reads it: what was written, and whether it went out. {@code status}:
 * {@code PENDING} (waiting for the mail server: {@code nextAttemptAt}), {@code SENDING}, {@code SENT}
 * ({@code sentAt}) or {@code FAILED} ({@code lastError}, the mail server's answer with the address masked).
 * {@code bodyText} is null once the text was forgotten (orderflow.notification.keep-sent) or erased.
 */
public record OrderNotice(long id, NoticeKind kind, String reference, String recipient, String locale, String subject,
                          String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
                          String lastError, String bodyText) {
}
