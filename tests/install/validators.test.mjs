// The checkers themselves must catch what they claim to: structural-schema rules, CR validation, unknown fields
// in Kubernetes objects, install consistency, operator wiring, the RBAC ⇔ code comparison and the Dockerfile
// linter, each fed inputs that are wrong on purpose. Run with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { structuralProblems, validateValue } from "./lib/structural_schema.mjs";
import { wiringProblems } from "./lib/operator_wiring.mjs";
import { compare, declaredPermissions, installPermissions } from "./rbac_matches_code.mjs";
import { helpFlagNames, unknownFlags } from "./lib/operator_cli.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "peregrine-install-test-"));
const installObjects = () => yaml.loadAll(readFileSync(join(root, "manifests", "install.yaml"), "utf8")).filter(Boolean);
const node = (script, args) => spawnSync(process.execPath, [join(here, script), ...args], { encoding: "utf8" });

test("structuralProblems rejects non-structural schemas", () => {
  const root = (spec) => ({ type: "object", properties: { metadata: { type: "object" }, spec } });
  assert.deepEqual(structuralProblems(root({ type: "object", properties: { a: { type: "string" } } })), []);
  assert.match(structuralProblems(root({ properties: { a: { type: "string" } } })).join(), /needs a type/);
  assert.match(
    structuralProblems(root({ type: "object", properties: {}, additionalProperties: { type: "string" } })).join(),
    /mutually exclusive/,
  );
  assert.match(structuralProblems(root({ type: "array" })).join(), /array needs items/);
  const metadataFields = { type: "object", properties: { metadata: { type: "object", properties: { labels: { type: "object" } } } } };
  assert.match(structuralProblems(metadataFields).join(), /only restrictions on name and generateName/);
  assert.match(structuralProblems(root({ type: "object", "x-kubernetes-int-or-string": true })).join(), /must not set a type/);
});

test("validateValue follows the API server: types, enums, int-or-string, nullable, unknown fields", () => {
  const schema = {
    type: "object",
    properties: {
      replicas: { type: "integer", format: "int32", minimum: 0 },
      kind: { type: "string", enum: ["A", "B"] },
      port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
      free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      labels: { type: "object", additionalProperties: { type: "string" } },
    },
  };
  assert.deepEqual(validateValue({ replicas: 2, kind: "A", port: "http", free: { x: { y: 1 } }, labels: { a: "b" } }, schema), []);
  assert.deepEqual(validateValue({ replicas: null }, schema), [], "nulls are pruned, not rejected");
  assert.match(validateValue({ replicas: 1.5 }, schema).join(), /expected integer/);
  assert.match(validateValue({ replicas: -1 }, schema).join(), /below 0/);
  assert.match(validateValue({ replicas: 2 ** 31 }, schema).join(), /int32/);
  assert.match(validateValue({ kind: "C" }, schema).join(), /not one of/);
  assert.match(validateValue({ port: true }, schema).join(), /integer or a string/);
  assert.match(validateValue({ labels: { a: 1 } }, schema).join(), /labels.a: expected string/);
  assert.match(validateValue({ replica: 2 }, schema).join(), /replica: unknown field/);
});

for (const file of readdirSync(join(here, "fixtures", "invalid-objects")).sort()) {
  test(`validate_k8s rejects fixtures/invalid-objects/${file}`, () => {
    const path = join(here, "fixtures", "invalid-objects", file);
    const expected = /^# expect: (.*)$/m.exec(readFileSync(path, "utf8"))[1];
    const result = node("validate_k8s.mjs", [path]);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.ok(result.stderr.includes(expected), `expected "${expected}" in:\n${result.stderr}`);
  });
}

test("validate_k8s accepts manifests/install.yaml", () => {
  const result = node("validate_k8s.mjs", [join(root, "manifests", "install.yaml")]);
  assert.equal(result.status, 0, result.stderr);
});

test("wiringProblems notices flags that disagree with the objects and grants", () => {
  assert.deepEqual(wiringProblems(installObjects()), []);

  const renamed = installObjects();
  renamed.find((o) => o.kind === "MutatingWebhookConfiguration").metadata.name = "other";
  assert.match(wiringProblems(renamed).join("\n"), /--webhook-configuration-name peregrine-operator: no such/);

  const noLease = installObjects().filter((o) => o.metadata.name !== "peregrine-operator-leader-election");
  assert.match(wiringProblems(noLease).join("\n"), /no create on leases/);

  const noSecretGrant = installObjects().filter((o) => o.metadata.name !== "peregrine-operator-webhook-certificate");
  assert.match(wiringProblems(noSecretGrant).join("\n"), /no update on Secret peregrine-operator-webhook-cert/);

  const scoped = installObjects();
  const env = scoped.find((o) => o.kind === "Deployment").spec.template.spec.containers[0].env;
  env.find((e) => e.name === "WATCH_NAMESPACE").value = "team-a";
  assert.match(wiringProblems(scoped).join("\n"), /namespace-scoped, but the operator holds cluster-wide grants/);
  const unbound = scoped.filter((o) => o.kind !== "ClusterRoleBinding");
  assert.match(wiringProblems(unbound).join("\n"), /WATCH_NAMESPACE lists team-a, but jaegers cannot be watched there/);

  const wrongPort = installObjects();
  wrongPort.find((o) => o.kind === "Deployment").spec.template.spec.containers[0].args.push("--metrics-bind-address=:9999");
  assert.match(wiringProblems(wrongPort).join("\n"), /--metrics-bind-address/);
});

const callsOf = (keys) =>
  [...keys].map((key) => {
    const [, group, resource, verb] = /^(.*?)\/(.*):(.*)$/.exec(key);
    const [name, subresource = ""] = resource.split("/");
    return { verb, group: group === "core" ? "" : group, resource: name, subresource };
  });

test("the RBAC ⇔ code comparison finds missing and extra permissions", () => {
  const permissions = installPermissions(installObjects());
  const calls = callsOf(permissions.granted);
  assert.deepEqual(compare(declaredPermissions(calls), permissions), { missing: [], extra: [] });

  const fewer = calls.filter((call) => !(call.resource === "ingresses" && call.verb === "delete"));
  assert.deepEqual(compare(declaredPermissions(fewer), permissions).extra, ["networking.k8s.io/ingresses:delete"]);
  const more = [...calls, { verb: "create", group: "", resource: "pods", subresource: "eviction" }];
  assert.deepEqual(compare(declaredPermissions(more), permissions).missing, ["core/pods/eviction:create"]);

  const callsFile = join(scratch, "calls.json");
  writeFileSync(callsFile, JSON.stringify(more));
  const result = node("rbac_matches_code.mjs", ["--calls", callsFile, "--install", join(root, "manifests", "install.yaml")]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /declared by the operator but not granted: core\/pods\/eviction:create/);
});

test("a name-restricted grant covers get/update/patch of its objects, never create", () => {
  const objects = installObjects();
  const leaseRole = objects.find((o) => o.kind === "Role" && o.metadata.name === "peregrine-operator-leader-election");
  assert.ok(leaseRole.rules.some((rule) => rule.resourceNames?.length > 0 && rule.verbs.includes("get")));
  const calls = callsOf(installPermissions(objects).granted);
  assert.deepEqual(compare(declaredPermissions(calls), installPermissions(objects)).missing, []);

  // Lease create moved into the name-restricted rule: still "granted", but the API server cannot authorize it.
  leaseRole.rules = [{ apiGroups: ["coordination.k8s.io"], resources: ["leases"], resourceNames: ["peregrine-operator"], verbs: ["create", "get", "update"] }];
  const restricted = installPermissions(objects);
  assert.ok(restricted.granted.has("coordination.k8s.io/leases:create"));
  assert.deepEqual(compare(declaredPermissions(calls), restricted), { missing: ["coordination.k8s.io/leases:create"], extra: [] });
});

test("namespace-scoped installs may grant less, but nothing undeclared and nothing cluster-wide", () => {
  const permissions = installPermissions(installObjects());
  const calls = callsOf(permissions.granted);
  const callsFile = join(scratch, "all-calls.json");
  writeFileSync(callsFile, JSON.stringify(calls.filter((call) => call.resource !== "ingresses")));
  const result = node("rbac_matches_code.mjs", ["--calls", callsFile, "--namespace-scoped-install", join(root, "manifests", "install.yaml")]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /granted but never called by the operator: networking.k8s.io\/ingresses:create/);
  assert.match(result.stderr, /namespace-scoped, but granted cluster-wide: jaegertracing.io\/jaegers:get,list,watch/);
  assert.doesNotMatch(result.stderr, /cluster-wide: admissionregistration/, "the name-restricted webhook configuration rule is allowed");
  assert.doesNotMatch(result.stderr, /not granted/, "namespace-scoped installs may grant less");
});

test("operator flags are checked against the binary's own --help", () => {
  const help = "Flags:\n  --leader-elect       elect\n  --webhook-enabled=BOOL  also --enable-webhook[=BOOL] / --disable-webhook\n";
  const known = helpFlagNames(help);
  assert.deepEqual([...known].sort(), ["disable-webhook", "enable-webhook", "leader-elect", "webhook-enabled"]);
  assert.deepEqual(unknownFlags(["--leader-elect", "--webhook-enabled=false", "--webhook-port=9443"], known), ["webhook-port"]);

  // A binary that knows only one of the flags the installs pass, and rejects any other command line.
  const fake = join(scratch, "fake-operator");
  writeFileSync(
    fake,
    '#!/bin/sh\nif [ "$1" = start ] && [ "$2" = --help ]; then echo "  --health-probe-bind-address ADDR"; exit 0; fi\n' +
      'echo "fake-operator: unknown flag" >&2\nexit 2\n',
  );
  chmodSync(fake, 0o755);
  const result = node("operator_flags_accepted.mjs", ["--operator", fake]);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /chart default: --metrics-bind-address is not a flag/);
  assert.match(result.stderr, /manifests\/install.yaml: the operator rejects its args: fake-operator: unknown flag/);
});

test("lint_dockerfile rejects a root user, a shell-form entrypoint and a fat runtime stage", () => {
  const good = readFileSync(join(root, "docker", "query.Dockerfile"), "utf8");
  const bad = good
    .replace(/^USER .*$/m, "USER root")
    .replace(/^ENTRYPOINT .*$/m, "ENTRYPOINT /usr/local/bin/peregrine-query")
    .replace("FROM debian:12-slim", "FROM debian:12-slim\nRUN apt-get update && apt-get install -y build-essential");
  const path = join(scratch, "bad.Dockerfile");
  writeFileSync(path, bad);
  writeFileSync(`${path}.dockerignore`, ".git\n");
  const result = node("lint_dockerfile.mjs", [path, "--target", "peregrine-query"]);
  assert.equal(result.status, 1);
  for (const expected of [/non-root/, /exec form/, /build tools/, /does not exclude build/, /apt lists/]) {
    assert.match(result.stderr, expected);
  }
  const wrongTarget = node("lint_dockerfile.mjs", [join(root, "docker", "query.Dockerfile"), "--target", "peregrine-collector"]);
  assert.equal(wrongTarget.status, 1);
});
