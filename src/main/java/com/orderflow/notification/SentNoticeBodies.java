package com.orderflow.notification;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Blanks the text of notices sent longer than {@code orderflow.notification.keep-sent} ago. The outbox kept every
 * e-mail's full text for ever: the customer's name, the items, discount codes and the personal choice links,
 * which act on the order without a login. Who was told what kind of notice, its subject and when stay.
 */
@Component
public class SentNoticeBodies {

    private static final Logger log = LoggerFactory.getLogger(SentNoticeBodies.class);

    private final NoticeOutbox outbox;
    private final NotificationProperties settings;
    private final Clock clock;

    SentNoticeBodies(NoticeOutbox outbox, NotificationProperties settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Answers how many notices' bodies it blanked; several nodes may run it at once. Hourly, the first an hour
     * after the start: a node starting up has orders to serve first.
     */
    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
    public int forget() {
        int forgotten = outbox.forgetSentBodies(clock.instant().minus(settings.keepSent()));
        if (forgotten > 0) {
            log.info("Blanked the text of {} notices sent more than {} ago (orderflow.notification.keep-sent)",
                    forgotten, settings.keepSent());
        }
        return forgotten;
    }
}
