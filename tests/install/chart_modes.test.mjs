// Behaviour of the Helm chart in each install mode, rendered with `helm template` or the offline chart-renderer
// (render_chart.sh): which objects exist, how the operator is started, and that RBAC is least-privilege and
// agrees with the operator's flags (lib/operator_wiring.mjs). Run with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { wiringProblems, operatorDeployment, operatorFlags } from "./lib/operator_wiring.mjs";
import { rulesBoundTo, wildcardProblems } from "./lib/rbac.mjs";
import { deepEqual } from "./lib/manifests.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const chartDir = join(here, "..", "..", "charts", "peregrine-operator");
const CLUSTER_SCOPED = new Set(["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "Namespace"]);

function renderRaw(args, namespace = "peregrine-system") {
  return spawnSync(join(here, "render_chart.sh"), ["peregrine-operator", chartDir, "--namespace", namespace, ...args], {
    encoding: "utf8",
  });
}

function render(args = [], namespace = "peregrine-system") {
  const result = renderRaw(args, namespace);
  assert.equal(result.status, 0, result.stderr);
  return yaml.loadAll(result.stdout).filter(Boolean);
}

const ofKind = (objects, kind) => objects.filter((object) => object.kind === kind);
const operatorArgs = (objects) => operatorDeployment(objects).spec.template.spec.containers[0].args;
const env = (objects, name) => operatorDeployment(objects).spec.template.spec.containers[0].env.find((e) => e.name === name);

function assertSound(objects) {
  assert.deepEqual(wiringProblems(objects), []);
  assert.deepEqual(wildcardProblems(objects), []);
}

test("default: cluster-wide, operator-managed webhook certificate, no leader election", () => {
  const objects = render();
  assertSound(objects);
  assert.equal(ofKind(objects, "ClusterRole").length, 1);
  assert.equal(ofKind(objects, "Role").length, 1, "only the Role for the webhook certificate Secret");
  const flags = operatorFlags(operatorDeployment(objects).spec.template.spec.containers[0]);
  assert.equal(flags.get("webhook-cert-mode"), "operator");
  assert.ok(!flags.has("leader-elect"));
  assert.equal(env(objects, "WATCH_NAMESPACE").value, "");
  const [config] = ofKind(objects, "MutatingWebhookConfiguration");
  assert.equal(config.webhooks[0].failurePolicy, "Ignore");
  assert.equal(config.webhooks[0].clientConfig.caBundle, undefined, "the operator patches the caBundle in");
  assert.deepEqual(config.webhooks[0].rules[0].resources, ["deployments", "statefulsets", "daemonsets"]);
  assert.equal(ofKind(objects, "PodDisruptionBudget").length, 0);
  const metrics = ofKind(objects, "Service").find((s) => s.metadata.name.endsWith("-metrics"));
  assert.equal(metrics.spec.ports[0].port, 8383);
  const probes = operatorDeployment(objects).spec.template.spec.containers[0];
  assert.equal(probes.livenessProbe.httpGet.path, "/healthz");
  assert.equal(probes.readinessProbe.httpGet.path, "/readyz");
});

test("replicaCount > 1 turns leader election on, with its Lease grant and a PodDisruptionBudget", () => {
  const objects = render(["--set", "replicaCount=3"]);
  assertSound(objects);
  assert.ok(operatorArgs(objects).includes("--leader-elect"));
  assert.equal(ofKind(objects, "PodDisruptionBudget").length, 1);
});

test("leaderElection.enabled forces leader election on or off", () => {
  assert.ok(operatorArgs(render(["--set", "leaderElection.enabled=true"])).includes("--leader-elect"));
  const off = render(["--set", "replicaCount=2", "--set", "leaderElection.enabled=false"]);
  assert.ok(!operatorArgs(off).includes("--leader-elect"));
});

test("namespace-scoped: Roles per watched namespace, nothing cluster-wide but the webhook configuration", () => {
  const objects = render(["--set", "watchNamespaces={team-a,team-b}", "--set", "replicaCount=2"]);
  assertSound(objects);
  const clusterKinds = objects.filter((o) => CLUSTER_SCOPED.has(o.kind)).map((o) => o.kind);
  assert.deepEqual(clusterKinds, ["MutatingWebhookConfiguration"]);
  const roleNamespaces = ofKind(objects, "Role").map((r) => r.metadata.namespace).sort();
  assert.deepEqual(roleNamespaces, ["peregrine-system", "team-a", "team-b"]);
  assert.equal(env(objects, "WATCH_NAMESPACE").value, "team-a,team-b");
  const [config] = ofKind(objects, "MutatingWebhookConfiguration");
  assert.deepEqual(config.webhooks[0].namespaceSelector.matchExpressions, [
    { key: "kubernetes.io/metadata.name", operator: "In", values: ["team-a", "team-b"] },
  ]);
  assert.ok(config.webhooks[0].clientConfig.caBundle, "the chart generates the CA in this mode");
  const secret = ofKind(objects, "Secret")[0];
  assert.equal(secret.type, "kubernetes.io/tls");
  assert.equal(secret.data["ca.crt"], config.webhooks[0].clientConfig.caBundle);
  const certificate = Buffer.from(secret.data["tls.crt"], "base64").toString();
  assert.match(certificate, /-----BEGIN CERTIFICATE-----/);
});

test("namespace-scoped with operator certificates: the only cluster grant is the one webhook configuration", () => {
  const objects = render(["--set", "watchNamespaces={team-a}", "--set", "webhook.certificateSource=operator"]);
  assertSound(objects);
  const account = { name: "peregrine-operator", namespace: "peregrine-system" };
  const clusterRules = rulesBoundTo(objects, account).filter(({ namespace }) => namespace === null);
  assert.equal(clusterRules.length, 1);
  assert.deepEqual(clusterRules[0].rule.resources, ["mutatingwebhookconfigurations"]);
  assert.equal(clusterRules[0].rule.resourceNames.length, 1);
});

test("cert-manager: Certificate, self-signed Issuer, CA injection annotation, mounted Secret", () => {
  const objects = render(["--set", "webhook.certificateSource=cert-manager"]);
  assertSound(objects);
  const [certificate] = ofKind(objects, "Certificate");
  const [issuer] = ofKind(objects, "Issuer");
  assert.equal(certificate.spec.issuerRef.name, issuer.metadata.name);
  assert.ok(certificate.spec.dnsNames.includes("peregrine-operator-webhook.peregrine-system.svc"));
  const [config] = ofKind(objects, "MutatingWebhookConfiguration");
  assert.equal(config.metadata.annotations["cert-manager.io/inject-ca-from"], `peregrine-system/${certificate.metadata.name}`);
  assert.ok(operatorArgs(objects).includes("--webhook-cert-mode=mounted"));
  assert.equal(ofKind(objects, "Secret").length, 0, "cert-manager writes the Secret");
});

test("cert-manager with an existing ClusterIssuer creates no Issuer", () => {
  const objects = render([
    "--set", "webhook.certificateSource=cert-manager",
    "--set", "webhook.certManager.issuerRef.kind=ClusterIssuer",
    "--set", "webhook.certManager.issuerRef.name=company-ca",
  ]);
  assertSound(objects);
  assert.equal(ofKind(objects, "Issuer").length, 0);
  assert.deepEqual(ofKind(objects, "Certificate")[0].spec.issuerRef, { kind: "ClusterIssuer", name: "company-ca" });
});

test("webhook disabled: no webhook objects, reconcile-mode injection", () => {
  const objects = render(["--set", "webhook.enabled=false"]);
  assertSound(objects);
  assert.equal(ofKind(objects, "MutatingWebhookConfiguration").length, 0);
  assert.ok(!ofKind(objects, "Service").some((s) => s.metadata.name.endsWith("-webhook")));
  assert.ok(operatorArgs(objects).includes("--webhook-enabled=false"));
});

test("image, related images and release naming", () => {
  const objects = render(
    ["--set", "image.tag=9.9.9", "--set", "relatedImages.RELATED_IMAGE_JAEGER_COLLECTOR=registry.example.com/collector:1"],
    "tracing",
  );
  const container = operatorDeployment(objects).spec.template.spec.containers[0];
  assert.equal(container.image, "peregrine/operator:9.9.9");
  assert.deepEqual(container.env.find((e) => e.name === "RELATED_IMAGE_JAEGER_COLLECTOR"), {
    name: "RELATED_IMAGE_JAEGER_COLLECTOR",
    value: "registry.example.com/collector:1",
  });
  assert.ok(objects.filter((o) => !CLUSTER_SCOPED.has(o.kind)).every((o) => o.metadata.namespace === "tracing"));
  assert.equal(ofKind(objects, "MutatingWebhookConfiguration")[0].metadata.name, "peregrine-operator-tracing");
});

test("invalid values fail the render with a clear message", () => {
  const bogus = renderRaw(["--set", "webhook.certificateSource=bogus"]);
  assert.notEqual(bogus.status, 0);
  assert.match(bogus.stderr, /certificateSource must be operator, helm or cert-manager/);
  const noAccount = renderRaw(["--set", "serviceAccount.create=false"]);
  assert.notEqual(noAccount.status, 0);
  assert.match(noAccount.stderr, /serviceAccount.name is required/);
  const oldCluster = renderRaw(["--kube-version", "v1.20.0"]);
  assert.notEqual(oldCluster.status, 0);
  assert.match(oldCluster.stderr, /kubeVersion/);
});

test("the chart ships the same CRD as crds/", () => {
  const objects = render(["--include-crds"]);
  const [chartCrd] = ofKind(objects, "CustomResourceDefinition");
  const source = yaml.load(readFileSync(join(here, "..", "..", "crds", "jaegertracing.io_jaegers.yaml"), "utf8"));
  assert.ok(deepEqual(chartCrd, source));
});

test("every values.yaml key is documented in the chart README", () => {
  const values = yaml.load(readFileSync(join(chartDir, "values.yaml"), "utf8"));
  const readme = readFileSync(join(chartDir, "README.md"), "utf8");
  const keys = [];
  const walk = (node, prefix) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0 && key !== "resources" && !key.endsWith("SecurityContext") && key !== "securityContext") walk(value, path);
      else keys.push(path);
    }
  };
  walk(values, "");
  const missing = keys.filter((key) => !readme.includes(`\`${key}\``));
  assert.deepEqual(missing, []);
});
