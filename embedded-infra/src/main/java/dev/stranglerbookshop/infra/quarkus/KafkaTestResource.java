package dev.stranglerbookshop.infra.quarkus;

import dev.stranglerbookshop.contracts.events.Topics;
import dev.stranglerbookshop.infra.kafka.RealKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a Quarkus test run a real Kafka KRaft broker with the contract's topics ({@code Topics.all()}) and points the
 * Kafka clients (Quarkus Messaging and the Kafka health check) at it. Register with {@code @WithTestResource(value = KafkaTestResource.class, scope = GLOBAL)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(KafkaTestResource.class.getName());

    private RealKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = RealKafka.start();
        kafka.createTopics(Topics.all()); // as Compose's kafka-topics does, before anyone subscribes
        LOG.log(System.Logger.Level.INFO, "Kafka ready on {0} in {1,number,#} ms", kafka.bootstrapServers(),
                kafka.startTime().toMillis());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
