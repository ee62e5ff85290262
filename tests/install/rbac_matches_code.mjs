#!/usr/bin/env node
// Compares the RBAC the install artifacts grant the operator with the API calls the operator declares
// (`peregrine-operator api-calls` prints its DeclaredApiCalls registry as a JSON list of
// {verb, group, resource, subresource}). Both directions must match exactly:
//   - every declared call is granted (else the operator gets 403 in a cluster), and
//   - every granted (group, resource, verb) is declared (else the install grants more than the code uses).
// A rule with resourceNames (the operator's own Secret, Lease, webhook configuration) covers the verbs it can
// authorize for those objects, but never create or deletecollection, which the API server cannot check by name.
// --install files must match exactly (the chart rendered cluster-wide with leader election on, so every feature
// that needs a grant is enabled; manifests/install.yaml). --namespace-scoped-install files may grant less, but
// nothing undeclared and nothing cluster-wide except rules limited by resourceNames. rbac_matches_code.sh
// renders them and calls this script.
//   node rbac_matches_code.mjs (--operator BINARY | --calls FILE.json) [--install FILE]...
//                              [--namespace-scoped-install FILE]...
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadDocuments } from "./lib/manifests.mjs";
import { rulesBoundTo, grantedPermissions, permissionKey, unrestrictedClusterRules } from "./lib/rbac.mjs";
import { operatorDeployment } from "./lib/operator_wiring.mjs";

export function declaredPermissions(calls) {
  const keys = new Set();
  for (const call of calls) {
    const group = call.group ?? call.apiGroup ?? "";
    const resource = call.subresource ? `${call.resource}/${call.subresource}` : call.resource;
    if (!call.verb || !resource) throw new Error(`malformed API call entry: ${JSON.stringify(call)}`);
    keys.add(permissionKey({ group, resource, verb: call.verb }));
  }
  return keys;
}

function operatorRules(objects) {
  const deployment = operatorDeployment(objects);
  if (!deployment) throw new Error("no operator Deployment in the install");
  const account = { name: deployment.spec.template.spec.serviceAccountName, namespace: deployment.metadata.namespace };
  return rulesBoundTo(objects, account);
}

// What one rendered install grants the operator's ServiceAccount: every permission any rule names (granted) and
// those the API server can actually authorize (authorizable: without create/deletecollection of name-restricted
// rules); unrestrictedCluster: the cluster-wide rules not limited by resourceNames.
export function installPermissions(objects) {
  const bound = operatorRules(objects);
  return {
    granted: grantedPermissions(bound),
    authorizable: grantedPermissions(bound, { authorizableOnly: true }),
    unrestrictedCluster: unrestrictedClusterRules(bound),
  };
}

// missing: declared but not authorizable (only reported when exact); extra: granted but not declared.
export function compare(declared, { granted, authorizable = granted }, { exact = true } = {}) {
  const missing = [...declared].filter((key) => !authorizable.has(key)).sort();
  const extra = [...granted].filter((key) => !declared.has(key)).sort();
  return { missing: exact ? missing : [], extra };
}

function parseArgs(argv) {
  const options = { installs: [], namespaceScoped: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--operator") options.operator = value;
    else if (flag === "--calls") options.calls = value;
    else if (flag === "--install") options.installs.push(value);
    else if (flag === "--namespace-scoped-install") options.namespaceScoped.push(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!options.operator === !options.calls) throw new Error("give exactly one of --operator or --calls");
  return options;
}

const describeRule = ({ rule }) =>
  `${(rule.apiGroups ?? []).map((g) => g || "core").join(",")}/${(rule.resources ?? []).join(",")}:${(rule.verbs ?? []).join(",")}`;

function main() {
  const options = parseArgs(process.argv.slice(2));
  const json = options.operator
    ? execFileSync(options.operator, ["api-calls"], { encoding: "utf8" })
    : readFileSync(options.calls, "utf8");
  const declared = declaredPermissions(JSON.parse(json));
  let failures = 0;
  const check = (path, { exact }) => {
    const permissions = installPermissions(loadDocuments([path]).map((d) => d.object));
    const { missing, extra } = compare(declared, permissions, { exact });
    for (const key of missing) {
      const byNameOnly = permissions.granted.has(key) ? " (granted only with resourceNames, which cannot authorize this verb)" : "";
      console.error(`${path}: declared by the operator but not granted: ${key}${byNameOnly}`);
    }
    for (const key of extra) console.error(`${path}: granted but never called by the operator: ${key}`);
    const clusterWide = exact ? [] : permissions.unrestrictedCluster;
    for (const entry of clusterWide) console.error(`${path}: namespace-scoped, but granted cluster-wide: ${describeRule(entry)}`);
    failures += missing.length + extra.length + clusterWide.length;
    const scoped = exact ? "" : `, ${clusterWide.length} cluster-wide`;
    console.log(`${path}: ${exact ? `${missing.length} missing, ` : ""}${extra.length} extra${scoped}`);
  };
  for (const path of options.installs) check(path, { exact: true });
  for (const path of options.namespaceScoped) check(path, { exact: false });
  console.log(`${declared.size} declared permissions; ${failures} mismatches`);
  process.exit(failures === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(`rbac_matches_code: ${error.message}`);
    process.exit(2);
  }
}
