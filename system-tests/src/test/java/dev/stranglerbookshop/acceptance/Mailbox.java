package dev.stranglerbookshop.acceptance;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** What the suite's SMTP server received (only where the suite started the system itself). */
final class Mailbox {

    private Mailbox() {
    }

    static List<String> subjectsTo(String email) {
        GreenMail smtp = SystemUnderTest.current().smtp();
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(email))
                .map(Mailbox::subject).toList();
    }

    /** The subject of the confirmation mail for an order, in both the monolith's and the service's words. */
    static String confirmationOf(String orderId) {
        return "Your order " + orderId.substring(0, 8) + " is confirmed";
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
