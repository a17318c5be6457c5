package com.orderflow.notification;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Turns an outbox notice into an e-mail (multipart/alternative: plain text, then HTML) and hands it
 * to the SMTP server of {@code spring.mail.*}. Without {@code spring.mail.host} there is no server.
 */
@Component
class NoticeMailer {

    private final ObjectProvider<JavaMailSender> smtp;
    private final NotificationProperties settings;

    NoticeMailer(ObjectProvider<JavaMailSender> smtp, NotificationProperties settings) {
        this.smtp = smtp;
        this.settings = settings;
    }

    boolean configured() {
        return smtp.getIfAvailable() != null;
    }

    /**
     * Sends the notice. A {@link MailPreparationException} means the notice itself is unusable (a bad
     * address): trying again will not help. Any other {@link MailException} may pass.
     */
    void send(OutboxNotice notice) throws MailException {
        JavaMailSender sender = smtp.getObject();
        MimeMessage message = sender.createMimeMessage();
        try {
            InternetAddress from = new InternetAddress(settings.from(), true);
            message.setFrom(from);
            InternetAddress to = new InternetAddress(notice.recipient(), notice.recipientName(), StandardCharsets.UTF_8.name());
            to.validate();
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            // The same id on every attempt: should a retry follow a delivery whose answer got lost,
            // mail stores can tell the copy from a new message.
            message.setHeader("Message-ID", "<" + messageId(notice) + "@" + domain(from) + ">");
            // RFC 3834: discourages out-of-office replies to a message nobody reads.
            message.setHeader("Auto-Submitted", "auto-generated");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(notice.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(notice.html(), "text/html; charset=UTF-8");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            message.setContent(alternatives);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Notice " + notice.id() + " cannot be made into an e-mail", e);
        }
        sender.send(message);
    }

    private static String messageId(OutboxNotice notice) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(notice.dedupKey().getBytes(StandardCharsets.UTF_8));
            return "notice-" + notice.id() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String domain(InternetAddress from) {
        String address = from.getAddress();
        return address.substring(address.indexOf('@') + 1);
    }
}
