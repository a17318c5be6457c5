package com.orderflow.notification;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Looks into the outbox every {@code orderflow.notification.poll-interval} on every node. Without
 * an SMTP server nothing is sent: notices stay in the outbox until one is configured. Every hour each
 * node blanks the text of notices sent longer than {@code keep-sent} ago.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NoticeSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(NoticeSchedule.class);
    /** Sent notices' bodies are blanked within an hour of their keep-sent running out. */
    private static final Duration FORGET_EVERY = Duration.ofHours(1);

    private final NoticeSender sender;
    private final NoticeMailer mailer;
    private final NotificationProperties settings;
    private final SentNoticeBodies sentBodies;

    NoticeSchedule(NoticeSender sender, NoticeMailer mailer, NotificationProperties settings, SentNoticeBodies sentBodies) {
        this.sender = sender;
        this.mailer = mailer;
        this.settings = settings;
        this.sentBodies = sentBodies;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(sentBodies::forget, FORGET_EVERY);
        if (!mailer.configured()) {
            log.info("No SMTP server configured (spring.mail.host): customer notices stay in the table "
                    + "notification_outbox and are not e-mailed");
            return;
        }
        registrar.addFixedDelayTask(sender::sendDue, settings.pollInterval());
    }
}
