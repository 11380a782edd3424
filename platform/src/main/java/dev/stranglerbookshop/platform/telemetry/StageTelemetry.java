package dev.stranglerbookshop.platform.telemetry;

import dev.stranglerbookshop.platform.stage.MigrationStage;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Tags every metric and every span with {@code migration.stage}, so one dashboard can compare the same request at
 * stage 0 and stage 3. The resource attribute (set in the shared config) is not enough on its own: Zipkin-format export
 * drops resource attributes other than the service name, so the span carries the stage itself too.
 */
@Singleton
public class StageTelemetry {

    public static final String STAGE_ATTRIBUTE = "migration.stage";
    private static final AttributeKey<Long> STAGE_KEY = AttributeKey.longKey(STAGE_ATTRIBUTE);

    @Produces
    @Singleton
    MeterFilter stageTag(MigrationStage stage) {
        return MeterFilter.commonTags(List.of(Tag.of(STAGE_ATTRIBUTE, String.valueOf(stage.current().number()))));
    }

    @Produces
    @Singleton
    SpanProcessor stageAttribute(MigrationStage migrationStage) {
        long stage = migrationStage.current().number();
        return new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                span.setAttribute(STAGE_KEY, stage);
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }
        };
    }
}
