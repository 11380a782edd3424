package dev.stranglerbookshop.auth.accounts;

import dev.stranglerbookshop.proto.auth.v1.AuthService;
import dev.stranglerbookshop.proto.auth.v1.AuthenticateRequest;
import dev.stranglerbookshop.proto.auth.v1.GetUserRequest;
import dev.stranglerbookshop.proto.auth.v1.ListSigningKeysRequest;
import dev.stranglerbookshop.proto.auth.v1.RegisterRequest;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token verification with the locally cached public key (what the monolith and services do) against a hypothetical
 * per-request introspection over gRPC (GetUser on auth-service: one loopback hop, one indexed read), side by side
 * in one run. Figures, not pass/fail. Fully: {@code ./mvnw -pl auth-service -am verify -Pbenchmark},
 * {@code bookshop.bench.calls} (10,000) measured calls of each after {@code bookshop.bench.calls-warm-up} (2,000). In
 * this module's own test run ({@code ./mvnw verify}) briefly, 1,000 after 200 (about two seconds), so it cannot rot;
 * auth-service/pom.xml sets {@code bookshop.bench.brief}.
 */
@QuarkusTest
@Tag("benchmark")
class TokenVerificationBenchmark {

    private static final boolean BRIEF = Boolean.getBoolean("bookshop.bench.brief");
    private static final int WARM_UP = Integer.getInteger("bookshop.bench.calls-warm-up", BRIEF ? 200 : 2_000);
    private static final int MEASURED = Integer.getInteger("bookshop.bench.calls", BRIEF ? 1_000 : 10_000);

    @GrpcClient("auth")
    AuthService auth;

    @Test
    void localVerificationAgainstPerRequestIntrospection() throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.org";
        auth.register(RegisterRequest.newBuilder().setEmail(email).setPassword("correct horse battery")
                .setDisplayName("Bench").build()).await().atMost(Duration.ofSeconds(10));
        String token = auth.authenticate(AuthenticateRequest.newBuilder().setEmail(email)
                .setPassword("correct horse battery").setClientAddress("bench").build())
                .await().atMost(Duration.ofSeconds(10)).getAccessToken();
        String jwk = auth.listSigningKeys(ListSigningKeysRequest.getDefaultInstance())
                .await().atMost(Duration.ofSeconds(10)).getKeys(0).getJwkJson();
        JwtConsumer local = new JwtConsumerBuilder().setVerificationKey(JsonWebKey.Factory.newJwk(jwk).getKey())
                .setExpectedIssuer("strangler-bookshop").setExpectedAudience("bookshop-api").build();
        JwtClaims claims = local.processToClaims(token);
        GetUserRequest introspect = GetUserRequest.newBuilder().setUserId(claims.getSubject()).build();

        long[] verify = measure(() -> local.processToClaims(token));
        long[] remote = measure(() -> auth.getUser(introspect).await().atMost(Duration.ofSeconds(5)));

        System.out.printf("%n== Token verification, %d calls each, one thread ==%n", MEASURED);
        if (BRIEF) {
            System.out.println("(brief run in ./mvnw verify: it shows the benchmark runs; its figures measure nothing "
                    + "worth quoting, -Pbenchmark does)");
        }
        System.out.printf("%-34s %10s %10s%n", "", "p50 us", "p99 us");
        System.out.printf("%-34s %10.1f %10.1f%n", "local (cached public key)", p(verify, 50), p(verify, 99));
        System.out.printf("%-34s %10.1f %10.1f%n", "gRPC introspection (GetUser)", p(remote, 50), p(remote, 99));
        System.out.printf("ratio gRPC / local: p50 %.1fx, p99 %.1fx%n", p(remote, 50) / p(verify, 50),
                p(remote, 99) / p(verify, 99));
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(List.of(p(verify, 50), p(verify, 99), p(remote, 50), p(remote, 99))).allMatch(Double::isFinite);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long[] measure(Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long started = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double p(long[] sorted, int percentile) {
        return sorted[Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1_000.0;
    }
}
