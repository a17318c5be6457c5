package com.orderflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Looks into the outbox every {@code orderflow.notification.poll-interval} on every node. Without
 * an SMTP server nothing is scheduled: notices stay in the outbox until one is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NoticeSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(NoticeSchedule.class);

    private final NoticeSender sender;
    private final NoticeMailer mailer;
    private final NotificationProperties settings;

    NoticeSchedule(NoticeSender sender, NoticeMailer mailer, NotificationProperties settings) {
        this.sender = sender;
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!mailer.configured()) {
            log.info("No SMTP server configured (spring.mail.host): customer notices stay in the table "
                    + "notification_outbox and are not e-mailed");
            return;
        }
        registrar.addFixedDelayTask(sender::sendDue, settings.pollInterval());
    }
}
