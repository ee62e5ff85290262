// Behaviour of the kustomize manifests (rendered offline with `kubectl kustomize`) and their agreement with the
// Helm chart: least-privilege RBAC that matches the operator's flags, nothing cluster-wide granted in
// namespace-scoped mode, and the same permissions as the chart in the same mode. Run with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { wiringProblems, operatorDeployment } from "./lib/operator_wiring.mjs";
import { rulesBoundTo, grantedPermissions, wildcardProblems } from "./lib/rbac.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const kubectl = process.env.KUBECTL ?? "kubectl";
const CLUSTER_SCOPED = new Set(["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "Namespace"]);

const kustomize = (dir) =>
  yaml.loadAll(execFileSync(kubectl, ["kustomize", join(root, "manifests", dir)], { encoding: "utf8" })).filter(Boolean);
const renderChart = (...args) =>
  yaml
    .loadAll(
      execFileSync(join(here, "render_chart.sh"), ["peregrine-operator", join(root, "charts", "peregrine-operator"), "--namespace", "peregrine-system", ...args], {
        encoding: "utf8",
      }),
    )
    .filter(Boolean);

function permissionsOf(objects, { namespace } = {}) {
  const deployment = operatorDeployment(objects);
  const account = { name: deployment.spec.template.spec.serviceAccountName, namespace: deployment.metadata.namespace };
  const bound = rulesBoundTo(objects, account).filter((entry) => namespace === undefined || entry.namespace === namespace);
  return [...grantedPermissions(bound)].sort();
}

test("base renders the CRD, namespace, operator Deployment and metrics Service", () => {
  const kinds = kustomize("base").map((o) => o.kind).sort();
  for (const kind of ["CustomResourceDefinition", "Namespace", "ServiceAccount", "Deployment", "Service"]) {
    assert.ok(kinds.includes(kind), kind);
  }
});

test("cluster-wide overlay: consistent wiring, no wildcards, one ClusterRole, webhook with operator certificates", () => {
  const objects = kustomize("overlays/cluster-wide");
  assert.deepEqual(wiringProblems(objects), []);
  assert.deepEqual(wildcardProblems(objects), []);
  assert.equal(objects.filter((o) => o.kind === "ClusterRole").length, 1);
  assert.equal(objects.filter((o) => o.kind === "MutatingWebhookConfiguration").length, 1);
  assert.ok(objects.filter((o) => o.kind === "Namespace").every((o) => o.metadata.name === "peregrine-system"));
});

test("namespace-scoped overlay: nothing cluster-wide but the CRD and the operator's namespace", () => {
  const objects = kustomize("overlays/namespace-scoped");
  assert.deepEqual(wiringProblems(objects), []);
  assert.deepEqual(wildcardProblems(objects), []);
  const cluster = objects.filter((o) => CLUSTER_SCOPED.has(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.deepEqual(cluster, ["CustomResourceDefinition/jaegers.jaegertracing.io", "Namespace/peregrine-system"]);
});

test("install.yaml grants what the chart grants cluster-wide with leader election on", () => {
  const install = yaml.loadAll(readFileSync(join(root, "manifests", "install.yaml"), "utf8")).filter(Boolean);
  assert.deepEqual(wiringProblems(install), []);
  assert.deepEqual(permissionsOf(install), permissionsOf(renderChart("--set", "replicaCount=2")));
});

test("the namespace-scoped overlay grants in its namespace what the chart grants there", () => {
  const overlay = kustomize("overlays/namespace-scoped");
  const chart = renderChart("--set", "watchNamespaces={observability}", "--set", "webhook.enabled=false", "--set", "replicaCount=2");
  assert.deepEqual(permissionsOf(overlay, { namespace: "observability" }), permissionsOf(chart, { namespace: "observability" }));
  assert.deepEqual(permissionsOf(overlay), permissionsOf(chart));
});
