package com.orderflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * SMTP as Jakarta Mail speaks it, telling one failure apart: the whole message went to the server and its answer
 * never came (a relay scanning content for longer than {@code mail.smtp.timeout}, a connection dropped after the
 * final dot). The server may have delivered it; sent again, the customer got the same e-mail every look.
 * Jakarta Mail takes it for "smtp" from {@code META-INF/jakarta.providers}.
 */
public class ReplyAwareSmtpTransport extends SMTPTransport {

    private boolean messageSent;

    public ReplyAwareSmtpTransport(Session session, URLName url) {
        super(session, url);
    }

    @Override
    protected synchronized void sendCommand(String command) throws MessagingException {
        super.sendCommand(command);
        // The dot ends the message's data: once written, what follows is the server's answer to the message.
        if (".".equals(command)) {
            messageSent = true;
        }
    }

    @Override
    protected synchronized void finishData() throws IOException, MessagingException {
        messageSent = false;
        try {
            super.finishData();
        } catch (MessagingException failed) {
            boolean answered = failed instanceof SMTPSendFailedException refused && refused.getReturnCode() > 0;
            if (messageSent && !answered) {
                throw new ReplyLostException(failed);
            }
            throw failed;
        } finally {
            messageSent = false;
        }
    }

    /** The server had the whole message and did not say whether it took it. */
    public static class ReplyLostException extends MessagingException {

        ReplyLostException(MessagingException cause) {
            // The read's IOException stays next: Jakarta Mail closes a connection only then, and left open, its QUIT
            // waited out another timeout and could read the late answer to the message as the answer to QUIT.
            super("the mail server had the whole message but its answer did not come (" + cause.getMessage()
                    + "): it may have reached the customer",
                    cause.getNextException() instanceof IOException broken ? broken : cause);
        }
    }
}
