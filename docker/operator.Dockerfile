# syntax=docker/dockerfile:1
# Image of peregrine-operator: Kubernetes operator reconciling jaegertracing.io/v1 Jaeger resources (health 8081, metrics 8383, webhook 9443).
# Build from the repository root: docker build -f docker/operator.Dockerfile -t peregrine/operator .
# Stage 1 builds on Debian 12 with the packages of scripts/install-deps.sh; stage 2 is debian:12-slim with only
# the shared libraries the binary loads (listed by docker/runtime-packages.sh), running as a non-root user.

FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN ./scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DPEREGRINE_BUILD_TESTS=OFF -DPEREGRINE_BUILD_BENCH=OFF \
 && cmake --build /build --target peregrine-operator \
 && strip --strip-unneeded /build/bin/peregrine-operator \
 && ./docker/runtime-packages.sh /build/bin/peregrine-operator > /build/runtime-packages.txt

FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
COPY --from=build /build/runtime-packages.txt /tmp/runtime-packages.txt
RUN apt-get update \
 && xargs -a /tmp/runtime-packages.txt apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages.txt \
 && useradd --system --uid 65532 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin peregrine
COPY --from=build /build/bin/peregrine-operator /usr/local/bin/peregrine-operator
LABEL org.opencontainers.image.title="peregrine-operator" \
      org.opencontainers.image.description="Kubernetes operator reconciling jaegertracing.io/v1 Jaeger resources (health 8081, metrics 8383, webhook 9443)." \
      org.opencontainers.image.licenses="Apache-2.0"
USER 65532:65532
EXPOSE 8081 8383 9443
ENTRYPOINT ["/usr/local/bin/peregrine-operator"]
