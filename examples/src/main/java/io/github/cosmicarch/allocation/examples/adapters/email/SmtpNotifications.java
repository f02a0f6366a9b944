package io.github.cosmicarch.allocation.examples.adapters.email;

import io.github.cosmicarch.allocation.service.port.Notifications;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends notifications as plain-text e-mails through an SMTP server, as the book's service does. */
public final class SmtpNotifications implements Notifications {

    /** The sender of every notification. */
    public static final String FROM = "allocations@example.com";

    private final Session session;

    /**
     * Creates the notifications.
     *
     * @param host the SMTP host
     * @param port the SMTP port
     */
    public SmtpNotifications(String host, int port) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(String destination, String message) {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(FROM));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(destination));
            mail.setSubject("allocation service notification");
            mail.setText(message);
            Transport.send(mail);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not send the notification to " + destination + ": " + e.getMessage(), e);
        }
    }
}
