#!/usr/bin/env node
// Checks Jaeger custom resources against the CRD's openAPIV3Schema.
//   node validate_crs.mjs CRD.yaml FILE_OR_DIR...                 every Jaeger document must be valid
//   node validate_crs.mjs --expect-invalid CRD.yaml FILE_OR_DIR... every Jaeger document must be rejected
// Documents of other kinds (example Deployments next to a CR) are skipped; a run that finds no Jaeger document
// fails. The CRD's own schema must be structural, as the API server requires.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { structuralProblems, validateValue } from "./lib/structural_schema.mjs";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function yamlFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort()
    .map((name) => join(path, name));
}

function loadCrdSchema(path) {
  const crd = yaml.loadAll(readFileSync(path, "utf8")).find((doc) => doc?.kind === "CustomResourceDefinition");
  if (!crd) throw new Error(`${path}: no CustomResourceDefinition`);
  const version = crd.spec.versions.find((entry) => entry.storage) ?? crd.spec.versions[0];
  return { group: crd.spec.group, kind: crd.spec.names.kind, version: version.name, schema: version.schema.openAPIV3Schema };
}

const args = process.argv.slice(2);
const expectInvalid = args[0] === "--expect-invalid";
if (expectInvalid) args.shift();
const [crdPath, ...inputs] = args;
if (!crdPath || inputs.length === 0) {
  console.error("usage: validate_crs.mjs [--expect-invalid] CRD.yaml FILE_OR_DIR...");
  process.exit(2);
}

const crd = loadCrdSchema(crdPath);
const failures = [];
const structural = structuralProblems(crd.schema);
for (const problem of structural) failures.push(`${crdPath}: not a structural schema: ${problem}`);

let checked = 0;
for (const file of inputs.flatMap(yamlFiles)) {
  let documents;
  try {
    documents = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (error) {
    failures.push(`${file}: invalid YAML: ${error.message}`);
    continue;
  }
  for (const [index, document] of documents.entries()) {
    if (document?.kind !== crd.kind || document?.apiVersion !== `${crd.group}/${crd.version}`) continue;
    checked += 1;
    const where = `${file}#${index + 1} ${document.metadata?.name ?? ""}`;
    const problems = validateValue(document, crd.schema);
    const name = document.metadata?.name ?? "";
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) problems.push(`metadata.name "${name}" is not a DNS subdomain`);
    if (expectInvalid) {
      if (problems.length === 0) failures.push(`${where}: accepted, but it is invalid on purpose`);
      else console.log(`${where}: rejected as expected (${problems[0]})`);
    } else {
      for (const problem of problems) failures.push(`${where}: ${problem}`);
      if (problems.length === 0) console.log(`${where}: valid`);
    }
  }
}

for (const failure of failures) console.error(failure);
if (checked === 0) {
  console.error(`no ${crd.kind} resources found in ${inputs.join(" ")}`);
  process.exit(1);
}
console.log(`${checked} ${crd.kind} resources checked, ${failures.length} problems`);
process.exit(failures.length === 0 ? 0 : 1);
