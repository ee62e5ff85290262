#!/usr/bin/env node
// Generates the `jaegers.jaegertracing.io` CustomResourceDefinition from the compact schema description below
// (the same role controller-gen plays for the Jaeger operator) and writes it to crds/ and to the Helm chart's
// crds/ folder. `--check` writes nothing and exits 1 when a committed copy differs from what would be generated.
//
// Field names and shapes follow the Jaeger operator's `jaegertracing.io/v1` API (apis/v1/jaeger_types.go) and
// cover every field operator/api/parse.cpp reads. Kubernetes core types embedded in the CR (volumes, affinity,
// probes, security contexts, ...) are kept as objects with x-kubernetes-preserve-unknown-fields: the API server
// keeps them as written and the operator passes them through to the pod templates it renders.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const outputs = [
  join(repoRoot, "crds", "jaegertracing.io_jaegers.yaml"),
  join(repoRoot, "charts", "peregrine-operator", "crds", "jaegertracing.io_jaegers.yaml"),
];

// ---- schema building blocks -------------------------------------------------------------------------------

const string = (description, extra = {}) => ({ description, type: "string", ...extra });
const boolean = (description) => ({ description, type: "boolean" });
const int32 = (description, extra = {}) => ({ description, type: "integer", format: "int32", ...extra });
const int64 = (description, extra = {}) => ({ description, type: "integer", format: "int64", ...extra });
const stringList = (description) => ({ description, type: "array", items: { type: "string" } });
const stringMap = (description, extra = {}) => ({
  description,
  type: "object",
  additionalProperties: { type: "string" },
  ...extra,
});
const object = (description, properties, extra = {}) => ({ description, type: "object", properties, ...extra });
// A Kubernetes core type passed through unchanged (validated by the API server when it lands in a pod spec).
const embedded = (description, extra = {}) => ({
  description,
  type: "object",
  "x-kubernetes-preserve-unknown-fields": true,
  ...extra,
});
const embeddedList = (description) => ({
  description,
  type: "array",
  items: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  "x-kubernetes-list-type": "atomic",
});
// Free-form maps turned into command-line flags (`options`) or JSON files (`ui.options`, `sampling.options`).
const freeForm = (description) => ({
  description,
  type: "object",
  "x-kubernetes-preserve-unknown-fields": true,
});

const quantityMap = (description) => ({
  description,
  type: "object",
  additionalProperties: {
    "x-kubernetes-int-or-string": true,
    anyOf: [{ type: "integer" }, { type: "string" }],
    pattern: "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$",
  },
});

const resources = (description, extra = {}) =>
  object(
    description,
    {
      claims: {
        description: "Names of resource claims (DynamicResourceAllocation) the container uses.",
        type: "array",
        items: object("A claim reference.", { name: string("Name of a resource claim of the pod.") }, { required: ["name"] }),
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
      },
      limits: quantityMap("Maximum compute resources allowed, e.g. cpu: 500m, memory: 512Mi."),
      requests: quantityMap("Minimum compute resources required, e.g. cpu: 100m, memory: 128Mi."),
    },
    extra,
  );

const pullPolicy = string("Image pull policy of the containers.", { enum: ["Always", "IfNotPresent", "Never"] });
const serviceType = (what) =>
  string(`Type of the ${what} Service (default ClusterIP).`, {
    enum: ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
  });
const deploymentStrategy = embedded("apps/v1 DeploymentStrategy of the Deployment (Recreate or RollingUpdate).");
const priorityClassName = string("PriorityClass of the pods.");
const nodeSelector = (what) => stringMap(`Node labels the ${what} pods must match.`, { nullable: true });
const replicas = (what) => int32(`Number of ${what} replicas.`, { minimum: 0 });

// JaegerCommonSpec: accepted at the top of the spec and inside each component; the most specific one wins.
const common = {
  volumes: embeddedList("Volumes (core/v1 Volume) added to the pods."),
  volumeMounts: embeddedList("Volume mounts (core/v1 VolumeMount) added to the containers."),
  annotations: stringMap("Annotations added to the pods.", { nullable: true }),
  labels: stringMap("Labels added to the pods."),
  resources: resources("Compute resources of the containers.", { nullable: true }),
  affinity: embedded("Scheduling constraints (core/v1 Affinity)."),
  tolerations: embeddedList("Tolerations (core/v1 Toleration) of the pods."),
  securityContext: embedded("Pod-level security attributes (core/v1 PodSecurityContext)."),
  containerSecurityContext: embedded("Container-level security attributes (core/v1 SecurityContext)."),
  serviceAccount: string("ServiceAccount the pods run as (default: the instance's own ServiceAccount)."),
  livenessProbe: embedded("Liveness probe (core/v1 Probe) replacing the default one on the admin port."),
  imagePullSecrets: {
    description: "Secrets used to pull the images.",
    type: "array",
    items: object("A Secret in the instance's namespace.", { name: string("Name of the Secret.") }),
    "x-kubernetes-list-type": "atomic",
  },
  imagePullPolicy: pullPolicy,
};

const autoscale = {
  autoscale: boolean("Creates a HorizontalPodAutoscaler (default: true when replicas is not set)."),
  minReplicas: int32("Lower bound of the autoscaler.", { minimum: 0 }),
  maxReplicas: int32("Upper bound of the autoscaler (default 100).", { minimum: 0 }),
};

const metricsStorage = object("Metrics storage backing the Monitor tab (service performance monitoring).", {
  type: string("Metrics storage type: empty or prometheus."),
  "server-url": string("URL of the metrics storage, e.g. http://prometheus:9090."),
});

const tracingEnabled = boolean("Whether the component traces itself (default true).");
const options = (what) => freeForm(`Command-line flags of the ${what}: nested maps are joined with dots into --key=value.`);
const config = (what) => freeForm(`Free-form configuration of the ${what}.`);
const image = (what) => string(`Container image of the ${what} (default: the operator's image for it).`);

const allInOne = object("The all-in-one Deployment (strategy allInOne).", {
  image: image("all-in-one"),
  options: options("all-in-one"),
  config: config("all-in-one"),
  metricsStorage,
  ...common,
  tracingEnabled,
  strategy: deploymentStrategy,
  priorityClassName,
});

const query = object("The query Deployment and Service (strategies production and streaming).", {
  replicas: replicas("query"),
  image: image("query"),
  options: options("query"),
  metricsStorage,
  ...common,
  serviceType: serviceType("query"),
  nodePort: int32("Node port of the query HTTP port when serviceType is NodePort.", { minimum: 0, maximum: 65535 }),
  grpcNodePort: int32("Node port of the query gRPC port when serviceType is NodePort.", { minimum: 0, maximum: 65535 }),
  tracingEnabled,
  priorityClassName,
  strategy: deploymentStrategy,
  nodeSelector: nodeSelector("query"),
});

const collector = object("The collector Deployment, Services and autoscaler.", {
  ...autoscale,
  replicas: replicas("collector"),
  image: image("collector"),
  options: options("collector"),
  ...common,
  config: config("collector"),
  serviceType: serviceType("collector"),
  priorityClassName,
  strategy: deploymentStrategy,
  kafkaSecretName: string("Secret with the Kafka credentials (strategy streaming)."),
  nodeSelector: nodeSelector("collector"),
  lifecycle: embedded("Container lifecycle hooks (core/v1 Lifecycle)."),
  terminationGracePeriodSeconds: int64("Seconds the collector pods get to shut down.", { minimum: 0 }),
});

const ingester = object("The ingester Deployment (strategy streaming).", {
  ...autoscale,
  replicas: replicas("ingester"),
  image: image("ingester"),
  options: options("ingester"),
  ...common,
  config: config("ingester"),
  strategy: deploymentStrategy,
  kafkaSecretName: string("Secret with the Kafka credentials."),
  nodeSelector: nodeSelector("ingester"),
});

const agent = object(
  "The agent: a sidecar injected into annotated workloads (default) or a DaemonSet.",
  {
    strategy: string("Sidecar (default) or DaemonSet, case-insensitive."),
    image: image("agent"),
    options: options("agent"),
    ...common,
    config: config("agent"),
    sidecarSecurityContext: embedded("Security context (core/v1 SecurityContext) of injected agent sidecars."),
    hostNetwork: boolean("Runs the agent DaemonSet in the host network."),
    dnsPolicy: string("DNS policy of the agent DaemonSet pods.", {
      enum: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    }),
    priorityClassName,
  },
  { nullable: true },
);

const ui = object("The Jaeger UI.", {
  options: freeForm("UI configuration written as JSON to the <name>-ui-configuration ConfigMap (key ui)."),
});

const sampling = object("Remote sampling strategies.", {
  options: freeForm(
    "Sampling strategies written as JSON to the <name>-sampling-configuration ConfigMap (key sampling); default probabilistic 1.",
  ),
});

const ingress = object("The Ingress of the query service.", {
  enabled: boolean("Creates the <name>-query Ingress (default true)."),
  security: string("Ingress security: empty or none (oauth-proxy is OpenShift-only).", {
    enum: ["", "none", "oauth-proxy"],
  }),
  openshift: object("OpenShift OAuth proxy settings (accepted for compatibility, not used outside OpenShift).", {
    sar: string("SubjectAccessReview the proxy checks."),
    delegateUrls: string("Delegated URLs of the proxy."),
    htpasswdFile: string("htpasswd file of the proxy."),
    skipLogout: boolean("Hides the Log Out menu entry."),
  }),
  hosts: stringList("Host names the Ingress serves."),
  pathType: string("Path type of the Ingress rules.", { enum: ["Exact", "Prefix", "ImplementationSpecific"] }),
  tls: {
    description: "TLS settings of the Ingress.",
    type: "array",
    items: object("Hosts served with one certificate.", {
      hosts: stringList("Host names covered by the certificate."),
      secretName: string("Secret holding the certificate."),
    }),
    "x-kubernetes-list-type": "atomic",
  },
  secretName: string("Deprecated in favour of tls: Secret holding the certificate."),
  ...common,
  options: options("ingress"),
  ingressClassName: string("IngressClass of the Ingress."),
});

const cassandraCreateSchema = object("The Job creating the Cassandra keyspace and tables.", {
  enabled: boolean("Runs the schema Job (default true for cassandra storage)."),
  image: image("schema Job"),
  datacenter: string("Cassandra datacenter (default test)."),
  mode: string("Replication mode: prod (default) or test."),
  traceTTL: string("Time to live of trace data, a Go duration such as 48h."),
  timeout: string("Deadline of the Job, a Go duration such as 24h."),
  affinity: embedded("Scheduling constraints (core/v1 Affinity) of the Job."),
  ttlSecondsAfterFinished: int32("Seconds a finished Job is kept.", { minimum: 0 }),
});

const jobCommon = (what) => ({
  schedule: string(`Cron schedule of the ${what} CronJob.`),
  successfulJobsHistoryLimit: int32("Successful Jobs kept.", { minimum: 0 }),
  image: image(what),
  ttlSecondsAfterFinished: int32("Seconds a finished Job is kept.", { minimum: 0 }),
  backoffLimit: int32("Retries before a Job is marked failed.", { minimum: 0 }),
});

const dependencies = object("The Spark dependencies CronJob.", {
  enabled: boolean("Runs the dependencies CronJob."),
  sparkMaster: string("Spark master URL."),
  ...jobCommon("spark-dependencies"),
  javaOpts: string("JAVA_OPTS of the Spark job."),
  cassandraClientAuthEnabled: boolean("Uses Cassandra client authentication."),
  elasticsearchClientNodeOnly: boolean("Talks only to Elasticsearch client nodes."),
  elasticsearchNodesWanOnly: boolean("Uses only the declared Elasticsearch nodes (WAN mode)."),
  elasticsearchTimeRange: string("Time range of spans read from Elasticsearch."),
  ...common,
});

const esIndexCleaner = object("The CronJob deleting old Elasticsearch indices.", {
  enabled: boolean("Runs the index cleaner (default true for elasticsearch storage)."),
  numberOfDays: { description: "Days of indices kept (default 7).", type: "integer", minimum: 0 },
  ...jobCommon("es-index-cleaner"),
  ...common,
  priorityClassName,
});

const esRollover = object("The CronJobs rolling Elasticsearch indices over (when es.use-aliases is true).", {
  image: image("es-rollover"),
  schedule: string("Cron schedule of the rollover CronJob."),
  successfulJobsHistoryLimit: int32("Successful Jobs kept.", { minimum: 0 }),
  conditions: string("Rollover conditions as JSON, e.g. {\"max_age\": \"2d\"}."),
  ttlSecondsAfterFinished: int32("Seconds a finished Job is kept.", { minimum: 0 }),
  backoffLimit: int32("Retries before a Job is marked failed.", { minimum: 0 }),
  readTTL: string("How far back the read alias reaches, a Go duration such as 48h."),
  ...common,
});

const elasticsearch = object(
  "Settings handed to the OpenShift Elasticsearch operator (accepted for compatibility, not rendered).",
  {
    name: string("Name of the Elasticsearch instance."),
    doNotProvision: boolean("Uses an existing instance instead of provisioning one."),
    useCertManagement: boolean("Uses the Elasticsearch operator's certificate management."),
    image: image("Elasticsearch"),
    resources: resources("Compute resources of the Elasticsearch nodes."),
    nodeCount: int32("Number of Elasticsearch nodes.", { minimum: 0 }),
    nodeSelector: stringMap("Node labels the Elasticsearch pods must match."),
    storage: embedded("Storage of the Elasticsearch nodes."),
    redundancyPolicy: string("Replication policy of the indices."),
    tolerations: embeddedList("Tolerations of the Elasticsearch pods."),
    proxyResources: resources("Compute resources of the Elasticsearch proxy."),
  },
);

const storage = object("The span storage shared by collector, query and ingester.", {
  type: string(
    "memory (default), badger, elasticsearch, cassandra, kafka or grpc-plugin (case-insensitive); memory and badger force the allInOne strategy.",
  ),
  secretName: string("Secret whose keys become environment variables of the storage users (envFrom)."),
  options: freeForm(
    "Storage flags; only those with the storage's prefix (es., cassandra., ... and their -archive. variants) are passed.",
  ),
  cassandraCreateSchema,
  dependencies,
  esIndexCleaner,
  esRollover,
  elasticsearch,
  grpcPlugin: object("The gRPC storage plugin.", {
    image: string("Image of the init container copying the plugin binary to /plugin."),
  }),
});

const spec = object("Desired state of a Jaeger instance.", {
  strategy: string(
    "allInOne (default), production or streaming, case-insensitive; unknown values fall back to allInOne.",
  ),
  allInOne,
  query,
  collector,
  ingester,
  agent,
  ui,
  sampling,
  storage,
  ingress,
  ...common,
});

const status = object("Observed state of a Jaeger instance, written by the operator.", {
  phase: string("Running, or Failed with a message."),
  version: string("Version of the Jaeger components the operator deployed."),
  message: string("Why the instance is not Running."),
  observedGeneration: int64("The metadata.generation the status describes."),
  conditions: {
    description: "Detailed state (Ready, Reconciled, ...).",
    type: "array",
    items: object(
      "One condition.",
      {
        type: string("Condition type."),
        status: string("True, False or Unknown.", { enum: ["True", "False", "Unknown"] }),
        reason: string("One-word reason in CamelCase."),
        message: string("Human-readable details."),
        lastTransitionTime: string("When the condition last changed.", { format: "date-time" }),
        observedGeneration: int64("The metadata.generation the condition describes."),
      },
      { required: ["type", "status"] },
    ),
    "x-kubernetes-list-type": "map",
    "x-kubernetes-list-map-keys": ["type"],
  },
});

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: {
    name: "jaegers.jaegertracing.io",
    labels: {
      "app.kubernetes.io/name": "peregrine-operator",
      "app.kubernetes.io/part-of": "peregrine",
    },
  },
  spec: {
    group: "jaegertracing.io",
    names: {
      kind: "Jaeger",
      listKind: "JaegerList",
      plural: "jaegers",
      singular: "jaeger",
      shortNames: ["jgr"],
    },
    scope: "Namespaced",
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: "Status", type: "string", jsonPath: ".status.phase", description: "Jaeger instance's status" },
          { name: "Version", type: "string", jsonPath: ".status.version", description: "Jaeger version" },
          { name: "Strategy", type: "string", jsonPath: ".spec.strategy", description: "Jaeger deployment strategy" },
          { name: "Storage", type: "string", jsonPath: ".spec.storage.type", description: "Jaeger storage type" },
          { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
        ],
        schema: {
          openAPIV3Schema: object("Jaeger is a tracing backend instance managed by peregrine-operator.", {
            apiVersion: string("Versioned schema of this object."),
            kind: string("REST resource this object represents."),
            metadata: { type: "object" },
            spec,
            status,
          }),
        },
      },
    ],
  },
};

// ---- a small YAML emitter (block style, keys in insertion order) -------------------------------------------

const PLAIN_SAFE = /^[A-Za-z_./][A-Za-z0-9_ ./()<>,'-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(value) {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const text = String(value);
  if (text !== "" && PLAIN_SAFE.test(text) && !RESERVED.test(text) && !text.endsWith(" ") && !/: |#/.test(text)) {
    return text;
  }
  return JSON.stringify(text);
}

function isEmptyCollection(value) {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function emit(value, indent) {
  const pad = " ".repeat(indent);
  const lines = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null && !isEmptyCollection(item)) {
        const inner = emit(item, indent + 2);
        lines.push(pad + "- " + inner[0].trimStart(), ...inner.slice(1));
      } else {
        lines.push(pad + "- " + (isEmptyCollection(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item)));
      }
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const name = scalar(key);
    if (typeof item === "object" && item !== null && !isEmptyCollection(item)) {
      lines.push(`${pad}${name}:`, ...emit(item, Array.isArray(item) ? indent : indent + 2));
    } else {
      const text = isEmptyCollection(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item);
      lines.push(`${pad}${name}: ${text}`);
    }
  }
  return lines;
}

const header =
  "# The Jaeger custom resource (jaegertracing.io/v1), as served by peregrine-operator.\n" +
  "# Generated by crds/generate.mjs: edit that file and run `node crds/generate.mjs`, not this one.\n";
const text = header + emit(crd, 0).join("\n") + "\n";

const check = process.argv.includes("--check");
let stale = 0;
for (const path of outputs) {
  let current = null;
  try {
    current = readFileSync(path, "utf8");
  } catch {
    current = null;
  }
  if (current === text) continue;
  if (check) {
    console.error(`${relative(repoRoot, path)} is out of date: run node crds/generate.mjs`);
    stale += 1;
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${relative(repoRoot, path)}`);
  }
}
if (check) {
  console.log(stale === 0 ? `${outputs.length} CRD copies up to date` : `${stale} CRD copies out of date`);
}
process.exit(stale === 0 ? 0 : 1);
