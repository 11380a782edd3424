package dev.stranglerbookshop.infra.quarkus;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stranglerbookshop.infra.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, with Quarkus Mailer pointed at it and its mocking switched off.
 * Tests read what arrived through a {@code @InjectSmtp GreenMail} field.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        int port = Ports.free();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp, new TestInjector.AnnotatedAndMatchesType(InjectSmtp.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
