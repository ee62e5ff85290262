// Component Deployments: all-in-one, collector, query and ingester.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

const char* kAllInOne = R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata:
  name: my-jaeger
  namespace: tracing
  uid: 1234-abcd
spec:
  strategy: allInOne
  allInOne:
    image: jaegertracing/all-in-one:1.65.0
    options:
      log-level: debug
      query:
        base-path: /jaeger
  storage:
    secretName: jaeger-secrets
    options:
      memory:
        max-traces: 100000
      es:
        server-urls: http://ignored:9200
  labels:
    team: observability
    app: hijacked
  annotations:
    example.com/owner: me
)";

const char* kProduction = R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata:
  name: prod
spec:
  strategy: production
  collector:
    options:
      log-level: info
      collector:
        num-workers: 100
  query:
    replicas: 2
    options:
      query:
        base-path: /search
  storage:
    type: elasticsearch
    options:
      es:
        server-urls: http://es:9200,http://es2:9200
        index-prefix: tenant
      es-archive:
        enabled: true
      cassandra:
        servers: ignored
)";

const char* kStreaming = R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata:
  name: stream
spec:
  strategy: streaming
  collector:
    kafkaSecretName: kafka-user
    options:
      kafka:
        producer:
          topic: jaeger-spans
          brokers: kafka:9092
  ingester:
    options:
      kafka:
        consumer:
          topic: jaeger-spans
          brokers: kafka:9092
      ingester:
        deadlockInterval: 0
  storage:
    type: elasticsearch
    options:
      es:
        server-urls: http://es:9200
      kafka:
        producer:
          compression: gzip
)";

TEST(AllInOneDeployment, NameLabelsSelectorAndOwner) {
  auto objects = render_yaml(kAllInOne);
  Json deployment = get_object(objects, "Deployment", "my-jaeger");
  const Json& meta = deployment["metadata"];
  EXPECT_EQ(meta["namespace"], "tracing");
  EXPECT_EQ(meta["labels"]["app"], "jaeger");  // operator labels win over user labels
  EXPECT_EQ(meta["labels"]["team"], "observability");
  EXPECT_EQ(meta["labels"]["app.kubernetes.io/component"], "all-in-one");
  EXPECT_EQ(meta["labels"]["app.kubernetes.io/managed-by"], "peregrine-operator");
  EXPECT_EQ(meta["ownerReferences"][0]["uid"], "1234-abcd");
  EXPECT_EQ(meta["ownerReferences"][0]["controller"], true);
  // user labels never reach the immutable selector
  EXPECT_FALSE(deployment["spec"]["selector"]["matchLabels"].contains("team"));
  EXPECT_EQ(deployment["spec"]["template"]["metadata"]["labels"]["team"], "observability");
  EXPECT_EQ(deployment["spec"]["strategy"]["type"], "Recreate");
  EXPECT_FALSE(deployment["spec"].contains("replicas"));
}

TEST(AllInOneDeployment, ArgsAreSortedAndOnlyCarryTheStorageOwnPrefix) {
  auto objects = render_yaml(kAllInOne);
  Json container = first_container(get_object(objects, "Deployment", "my-jaeger"));
  EXPECT_EQ(container["name"], "jaeger");
  EXPECT_EQ(container["image"], "jaegertracing/all-in-one:1.65.0");
  EXPECT_EQ(strings_of(container["args"]), (std::vector<std::string>{
                                               "--log-level=debug",
                                               "--memory.max-traces=100000",
                                               "--query.base-path=/jaeger",
                                               "--sampling.strategies-file=/etc/jaeger/sampling/sampling.json",
                                           }));
}

TEST(AllInOneDeployment, EnvPortsProbesAndSecret) {
  auto objects = render_yaml(kAllInOne);
  Json deployment = get_object(objects, "Deployment", "my-jaeger");
  Json container = first_container(deployment);
  EXPECT_EQ(env_value(container, "SPAN_STORAGE_TYPE"), "memory");
  EXPECT_EQ(env_value(container, "COLLECTOR_ZIPKIN_HOST_PORT"), ":9411");
  EXPECT_EQ(env_value(container, "COLLECTOR_OTLP_ENABLED"), "true");
  EXPECT_EQ(env_value(container, "JAEGER_DISABLED"), "false");
  EXPECT_EQ(container["envFrom"][0]["secretRef"]["name"], "jaeger-secrets");
  EXPECT_EQ(port_names(container["ports"]),
            (std::vector<std::string>{"zk-compact-trft", "config-rest", "jg-compact-trft", "jg-binary-trft", "zipkin",
                                      "c-tchan-trft", "c-binary-trft", "grpc-query", "query", "admin-http", "grpc",
                                      "grpc-otlp", "http-otlp"}));
  EXPECT_EQ(container["livenessProbe"]["httpGet"]["port"], 14269);
  EXPECT_EQ(container["livenessProbe"]["httpGet"]["path"], "/");
  EXPECT_EQ(container["readinessProbe"]["httpGet"]["port"], 14269);
  const Json& annotations = deployment["spec"]["template"]["metadata"]["annotations"];
  EXPECT_EQ(annotations["prometheus.io/port"], "14269");
  EXPECT_EQ(annotations["sidecar.istio.io/inject"], "false");
  EXPECT_EQ(annotations["example.com/owner"], "me");
  const Json& pod = deployment["spec"]["template"]["spec"];
  EXPECT_EQ(pod["enableServiceLinks"], false);
  EXPECT_EQ(pod["serviceAccountName"], "my-jaeger");
}

TEST(AllInOneDeployment, SamplingVolumeIsMounted) {
  auto objects = render_yaml(kAllInOne);
  Json deployment = get_object(objects, "Deployment", "my-jaeger");
  const Json& volume = deployment["spec"]["template"]["spec"]["volumes"][0];
  EXPECT_EQ(volume["name"], "my-jaeger-sampling-configuration-volume");
  EXPECT_EQ(volume["configMap"]["name"], "my-jaeger-sampling-configuration");
  EXPECT_EQ(volume["configMap"]["items"][0]["path"], "sampling.json");
  Json container = first_container(deployment);
  const Json& mount = container["volumeMounts"][0];
  EXPECT_EQ(mount["mountPath"], "/etc/jaeger/sampling");
  EXPECT_EQ(mount["readOnly"], true);
}

TEST(AllInOneDeployment, AdminPortFollowsOptions) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: custom}
spec:
  allInOne:
    options:
      admin:
        http:
          host-port: ":15000"
    tracingEnabled: false
)");
  Json deployment = get_object(objects, "Deployment", "custom");
  Json container = first_container(deployment);
  EXPECT_EQ(container["readinessProbe"]["httpGet"]["port"], 15000);
  EXPECT_EQ(deployment["metadata"]["annotations"]["prometheus.io/port"], "15000");
  EXPECT_EQ(env_value(container, "JAEGER_DISABLED"), "true");
  Json query_service = get_object(objects, "Service", "custom-query");
  EXPECT_EQ(query_service["spec"]["ports"][2]["targetPort"], 15000);
}

TEST(AllInOneDeployment, ExplicitOtlpFlagWins) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: no-otlp}
spec:
  allInOne:
    options:
      collector:
        otlp:
          enabled: false
)");
  Json container = first_container(get_object(objects, "Deployment", "no-otlp"));
  EXPECT_EQ(env_value(container, "COLLECTOR_OTLP_ENABLED"), "<unset>");
  EXPECT_EQ(container["ports"].size(), 11u);
  Json service = get_object(objects, "Service", "no-otlp-collector");
  EXPECT_EQ(service["spec"]["ports"].size(), 5u);
}

TEST(CollectorDeployment, StorageFlagsAndSampling) {
  auto objects = render_yaml(kProduction);
  Json deployment = get_object(objects, "Deployment", "prod-collector");
  Json container = first_container(deployment);
  EXPECT_EQ(container["name"], "jaeger-collector");
  EXPECT_EQ(container["image"], "peregrine/collector:1.2.3");
  EXPECT_EQ(strings_of(container["args"]),
            (std::vector<std::string>{"--collector.num-workers=100", "--es-archive.enabled=true",
                                      "--es.index-prefix=tenant", "--es.server-urls=http://es:9200,http://es2:9200",
                                      "--log-level=info", "--sampling.strategies-file=/etc/jaeger/sampling/sampling.json"}));
  EXPECT_EQ(env_value(container, "SPAN_STORAGE_TYPE"), "elasticsearch");
  EXPECT_EQ(port_names(container["ports"]), (std::vector<std::string>{"zipkin", "c-tchan-trft", "c-binary-trft",
                                                                      "admin-http", "grpc", "grpc-otlp", "http-otlp"}));
  EXPECT_EQ(deployment["metadata"]["labels"]["app.kubernetes.io/name"], "prod-collector");
  EXPECT_EQ(deployment["metadata"]["labels"]["app.kubernetes.io/component"], "collector");
  // no fixed replicas: the HPA owns the count
  EXPECT_FALSE(deployment["spec"].contains("replicas"));
}

TEST(QueryDeployment, UiConfigStorageFlagsAndReplicas) {
  auto objects = render_yaml(kProduction);
  Json deployment = get_object(objects, "Deployment", "prod-query");
  EXPECT_EQ(deployment["spec"]["replicas"], 2);
  Json container = first_container(deployment);
  EXPECT_EQ(container["name"], "jaeger-query");
  // es-archive.enabled turns the archive button on, so a UI configuration exists and is mounted
  EXPECT_EQ(strings_of(container["args"]),
            (std::vector<std::string>{"--es-archive.enabled=true", "--es.index-prefix=tenant",
                                      "--es.server-urls=http://es:9200,http://es2:9200", "--query.base-path=/search",
                                      "--query.ui-config=/etc/config/ui.json"}));
  EXPECT_EQ(port_names(container["ports"]), (std::vector<std::string>{"grpc-query", "query", "admin-http"}));
  EXPECT_EQ(container["livenessProbe"]["httpGet"]["port"], 16687);
  EXPECT_EQ(container["volumeMounts"][0]["mountPath"], "/etc/config");
  EXPECT_EQ(deployment["metadata"]["annotations"]["sidecar.jaegertracing.io/inject"], "prod");
}

TEST(StreamingDeployments, CollectorWritesToKafkaAndIngesterToStorage) {
  auto objects = render_yaml(kStreaming);
  Json collector = first_container(get_object(objects, "Deployment", "stream-collector"));
  EXPECT_EQ(env_value(collector, "SPAN_STORAGE_TYPE"), "kafka");
  EXPECT_EQ(strings_of(collector["args"]),
            (std::vector<std::string>{"--kafka.producer.brokers=kafka:9092", "--kafka.producer.compression=gzip",
                                      "--kafka.producer.topic=jaeger-spans",
                                      "--sampling.strategies-file=/etc/jaeger/sampling/sampling.json"}));
  EXPECT_EQ(collector["envFrom"][0]["secretRef"]["name"], "kafka-user");

  Json ingester_deployment = get_object(objects, "Deployment", "stream-ingester");
  Json ingester = first_container(ingester_deployment);
  EXPECT_EQ(ingester["name"], "jaeger-ingester");
  EXPECT_EQ(ingester["image"], "peregrine/ingester:1.2.3");
  EXPECT_EQ(env_value(ingester, "SPAN_STORAGE_TYPE"), "elasticsearch");
  EXPECT_EQ(strings_of(ingester["args"]),
            (std::vector<std::string>{"--es.server-urls=http://es:9200", "--ingester.deadlockInterval=0",
                                      "--kafka.consumer.brokers=kafka:9092", "--kafka.consumer.topic=jaeger-spans"}));
  EXPECT_EQ(port_names(ingester["ports"]), std::vector<std::string>{"admin-http"});
  EXPECT_EQ(ingester["ports"][0]["containerPort"], 14270);
  EXPECT_EQ(ingester_deployment["metadata"]["labels"]["app.kubernetes.io/component"], "ingester");
}

TEST(Deployments, IngesterOnlyForStreaming) {
  auto objects = render_yaml(kProduction);
  EXPECT_EQ(find_object(objects, "Deployment", "prod-ingester"), nullptr);
  EXPECT_EQ(find_object(objects, "Deployment", "prod"), nullptr);
}

TEST(Deployments, ImagesFromCrThenOverrideThenDefault) {
  auto context = test_context();
  context.image_overrides[operator_render::ImageComponent::Query] = "mirror.local:5000/jaeger/query";
  context.image_overrides[operator_render::ImageComponent::Collector] = "mirror.local/collector:9.9";
  std::string cr = kProduction;
  cr += "  ingester:\n    image: ignored/for-production\n";
  auto objects = render_yaml(cr, context);
  EXPECT_EQ(first_container(get_object(objects, "Deployment", "prod-query"))["image"],
            "mirror.local:5000/jaeger/query:1.2.3");
  EXPECT_EQ(first_container(get_object(objects, "Deployment", "prod-collector"))["image"], "mirror.local/collector:9.9");
}

TEST(Deployments, CommonSpecMergesComponentFirst) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: merged}
spec:
  strategy: production
  storage: {type: cassandra}
  resources:
    limits: {cpu: "2", memory: 1Gi}
  serviceAccount: shared-sa
  imagePullSecrets: [{name: regcred}]
  tolerations: [{key: dedicated, operator: Exists}]
  volumes: [{name: top, emptyDir: {}}]
  volumeMounts: [{name: top, mountPath: /top}]
  collector:
    replicas: 3
    priorityClassName: high
    nodeSelector: {disk: ssd}
    resources:
      limits: {cpu: "4"}
    serviceAccount: collector-sa
    annotations: {prometheus.io/port: "9999"}
    volumes: [{name: own, emptyDir: {}}]
    volumeMounts: [{name: own, mountPath: /own}]
    strategy:
      type: RollingUpdate
      rollingUpdate: {maxSurge: 10%}
    terminationGracePeriodSeconds: 60
)");
  Json deployment = get_object(objects, "Deployment", "merged-collector");
  const Json& pod = deployment["spec"]["template"]["spec"];
  Json container = first_container(deployment);
  EXPECT_EQ(deployment["spec"]["replicas"], 3);
  EXPECT_EQ(deployment["spec"]["strategy"]["type"], "RollingUpdate");
  EXPECT_EQ(container["resources"]["limits"]["cpu"], "4");
  EXPECT_EQ(container["resources"]["limits"]["memory"], "1Gi");
  EXPECT_EQ(pod["serviceAccountName"], "collector-sa");
  EXPECT_EQ(pod["priorityClassName"], "high");
  EXPECT_EQ(pod["nodeSelector"]["disk"], "ssd");
  EXPECT_EQ(pod["imagePullSecrets"][0]["name"], "regcred");
  EXPECT_EQ(pod["tolerations"][0]["key"], "dedicated");
  EXPECT_EQ(pod["terminationGracePeriodSeconds"], 60);
  EXPECT_EQ(pod["volumes"][0]["name"], "own");
  EXPECT_EQ(pod["volumes"][1]["name"], "top");
  EXPECT_EQ(container["volumeMounts"][0]["mountPath"], "/own");
  EXPECT_EQ(container["volumeMounts"][1]["mountPath"], "/top");
  EXPECT_EQ(deployment["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"], "9999");
  EXPECT_EQ(first_container(get_object(objects, "Deployment", "merged-query"))["resources"]["limits"]["cpu"], "2");
  EXPECT_EQ(get_object(objects, "Deployment", "merged-query")["spec"]["template"]["spec"]["serviceAccountName"], "shared-sa");
}

TEST(Deployments, GrpcPluginInstallsThePluginBinary) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: plugin}
spec:
  storage:
    type: grpc-plugin
    grpcPlugin:
      image: ghcr.io/example/plugin:1
    options:
      grpc-storage-plugin:
        binary: /plugin/plugin
      memory:
        max-traces: 5
)");
  Json deployment = get_object(objects, "Deployment", "plugin");
  const Json& pod = deployment["spec"]["template"]["spec"];
  EXPECT_EQ(pod["initContainers"][0]["name"], "install-plugin");
  EXPECT_EQ(pod["initContainers"][0]["image"], "ghcr.io/example/plugin:1");
  Json container = first_container(deployment);
  EXPECT_EQ(env_value(container, "SPAN_STORAGE_TYPE"), "grpc-plugin");
  EXPECT_EQ(strings_of(container["args"])[0], "--grpc-storage-plugin.binary=/plugin/plugin");
  bool mounted = false;
  for (const auto& mount : container["volumeMounts"]) mounted = mounted || mount["mountPath"] == "/plugin";
  EXPECT_TRUE(mounted);
}

}  // namespace
}  // namespace peregrine::operator_test
