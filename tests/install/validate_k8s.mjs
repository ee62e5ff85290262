#!/usr/bin/env node
// Validates rendered Kubernetes objects: each against its official OpenAPI schema (npm kubernetes-models, and
// @kubernetes-models/cert-manager for cert-manager.io) including unknown fields, the API server's own rules, and — since the files given
// form one install — their consistency with each other (see lib/k8s_rules.mjs). CRDs must also carry
// structural schemas. Reads multi-document YAML files ("-" is stdin); exits 1 on any problem or on no objects.
//   node validate_k8s.mjs [--namespace NS] FILE...
import { loadDocuments, objectKey } from "./lib/manifests.mjs";
import { serverRuleProblems, installProblems } from "./lib/k8s_rules.mjs";
import { structuralProblems } from "./lib/structural_schema.mjs";
import { trackAccess, unknownFields } from "./lib/unknown_fields.mjs";

function modelModule(apiVersion, kind) {
  if (apiVersion.startsWith("cert-manager.io/")) return `@kubernetes-models/cert-manager/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function loadModel(apiVersion, kind) {
  try {
    return (await import(modelModule(apiVersion, kind)))[kind];
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
let defaultNamespace = "default";
if (args[0] === "--namespace") {
  defaultNamespace = args[1];
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error("usage: validate_k8s.mjs [--namespace NS] FILE...");
  process.exit(2);
}

const problems = [];
let documents = [];
try {
  documents = loadDocuments(args);
} catch (error) {
  problems.push(`invalid YAML: ${error.message}`);
}
const objects = [];
for (const { source, object } of documents) {
  if (typeof object !== "object" || Array.isArray(object) || typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    problems.push(`${source}: not a Kubernetes object (no apiVersion/kind)`);
    continue;
  }
  objects.push(object);
  const where = `${source} ${objectKey(object)}`;
  const Model = await loadModel(object.apiVersion, object.kind);
  if (!Model) {
    problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
  } else {
    // Model.prototype.validate only hands `this` to the compiled validator, so it can run on a tracking proxy.
    const { proxy, records } = trackAccess(object);
    try {
      Model.prototype.validate.call(proxy);
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
    for (const field of unknownFields(object, records)) problems.push(`${where}: unknown field ${field}`);
  }
  problems.push(...serverRuleProblems(object, where));
  if (object.kind === "CustomResourceDefinition") {
    for (const version of object.spec?.versions ?? []) {
      for (const problem of structuralProblems(version.schema?.openAPIV3Schema)) {
        problems.push(`${where} ${version.name}: not structural: ${problem}`);
      }
    }
  }
}
problems.push(...installProblems(objects, { defaultNamespace }));

for (const problem of problems) console.error(problem);
if (objects.length === 0) {
  console.error("no Kubernetes objects to validate");
  process.exit(1);
}
const kinds = [...new Set(objects.map((object) => object.kind))].sort().join(", ");
console.log(`${objects.length} objects (${kinds}) checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
