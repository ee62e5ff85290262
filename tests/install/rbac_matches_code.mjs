#!/usr/bin/env node
// Compares the RBAC the install artifacts grant the operator with the API calls the operator declares
// (`peregrine-operator api-calls` prints its DeclaredApiCalls registry as a JSON list of
// {verb, group, resource, subresource}). Both directions must match exactly:
//   - every declared call is granted (else the operator gets 403 in a cluster), and
//   - every granted (group, resource, verb) is declared (else the install grants more than the code uses).
// --install files must match exactly (the chart rendered cluster-wide with leader election on, so every feature
// that needs a grant is enabled; manifests/install.yaml); --subset-install files may grant less but nothing
// undeclared (the namespace-scoped renders). rbac_matches_code.sh renders them and calls this script.
//   node rbac_matches_code.mjs (--operator BINARY | --calls FILE.json) [--install FILE]... [--subset-install FILE]...
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadDocuments } from "./lib/manifests.mjs";
import { rulesBoundTo, grantedPermissions, permissionKey } from "./lib/rbac.mjs";
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

// Permissions granted to the operator's ServiceAccount by one rendered install.
export function installPermissions(objects) {
  const deployment = operatorDeployment(objects);
  if (!deployment) throw new Error("no operator Deployment in the install");
  const account = { name: deployment.spec.template.spec.serviceAccountName, namespace: deployment.metadata.namespace };
  return grantedPermissions(rulesBoundTo(objects, account));
}

export function compare(declared, granted, { exact = true } = {}) {
  const missing = [...declared].filter((key) => !granted.has(key)).sort();
  const extra = [...granted].filter((key) => !declared.has(key)).sort();
  return { missing: exact ? missing : [], extra };
}

function parseArgs(argv) {
  const options = { installs: [], subsets: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--operator") options.operator = value;
    else if (flag === "--calls") options.calls = value;
    else if (flag === "--install") options.installs.push(value);
    else if (flag === "--subset-install") options.subsets.push(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!options.operator === !options.calls) throw new Error("give exactly one of --operator or --calls");
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const json = options.operator
    ? execFileSync(options.operator, ["api-calls"], { encoding: "utf8" })
    : readFileSync(options.calls, "utf8");
  const declared = declaredPermissions(JSON.parse(json));
  let failures = 0;
  const report = (label, { missing, extra }) => {
    for (const key of missing) console.error(`${label}: declared by the operator but not granted: ${key}`);
    for (const key of extra) console.error(`${label}: granted but never called by the operator: ${key}`);
    failures += missing.length + extra.length;
    console.log(`${label}: ${missing.length} missing, ${extra.length} extra`);
  };
  for (const path of options.installs) {
    report(path, compare(declared, installPermissions(loadDocuments([path]).map((d) => d.object))));
  }
  for (const path of options.subsets) {
    report(path, compare(declared, installPermissions(loadDocuments([path]).map((d) => d.object)), { exact: false }));
  }
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
