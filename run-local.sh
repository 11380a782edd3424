#!/usr/bin/env bash
# Runs the whole Strangler Bookshop without Docker: PostgreSQL, Kafka (KRaft), Zipkin, GreenMail and the four
# services, on this machine's loopback. Builds first when the packaged services are missing (or with --rebuild).
# Ctrl-C stops everything; data is removed unless --keep-data. Options: ./run-local.sh --help
set -euo pipefail
cd "$(dirname "$0")"

stack=embedded-infra/target/stack
rebuild=false
args=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=true ;;
    --help|-h) args=(--help) ;;
    *) args+=("$arg") ;;
  esac
done

for module in monolith auth-service notification-service search-service; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || rebuild=true
done
[ -f "$stack/tools/zipkin-server-exec.jar" ] && [ -d "$stack/lib" ] || rebuild=true

if $rebuild; then
  echo "Building the services (./mvnw -Plocal-stack package -DskipTests) ..."
  ./mvnw -B -q -ntp -Plocal-stack package -DskipTests
fi

launcher=$(ls embedded-infra/target/embedded-infra-*.jar | grep -v -- '-sources' | head -n 1)
exec java -Xmx384m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
  -cp "$launcher:$stack/lib/*" dev.stranglerbookshop.infra.stack.LocalStack ${args[@]+"${args[@]}"}
