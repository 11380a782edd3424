package dev.stranglerbookshop.infra.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** What a test's SMTP server (GreenMail) received, by recipient. */
public final class Mailboxes {

    private Mailboxes() {
    }

    /** The messages addressed to exactly this address (To, Cc or Bcc). */
    public static List<MimeMessage> to(GreenMail smtp, String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(email)).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all)
                    .map(a -> a instanceof InternetAddress internet ? internet.getAddress() : a.toString()).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
