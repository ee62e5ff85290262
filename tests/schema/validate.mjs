#!/usr/bin/env node
// Validates Kubernetes objects against the official OpenAPI schemas shipped by the `kubernetes-models`
// package, plus the API server rules those schemas cannot express (object names, label syntax, port names).
// Reads multi-document YAML from the files given as arguments, or from stdin when there are none.
// Exits 1 when any object is invalid (or nothing was read), printing one line per problem.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// Kinds whose names must be DNS labels (the rest are DNS subdomains).
const LABEL_NAMED_KINDS = new Set(["Service", "Namespace"]);

function loadModelClass(apiVersion, kind) {
  // kubernetes-models lays classes out as <group>/<version>/<Kind> (core: v1/<Kind>).
  return import(`kubernetes-models/${apiVersion}/${kind}`).then(
    (module) => module[kind],
    () => undefined,
  );
}

function checkLabels(labels, where, problems) {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const [prefix, name] = key.includes("/") ? key.split("/", 2) : [undefined, key];
    if ((prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) || name.length > 63 || !LABEL_NAME.test(name)) {
      problems.push(`${where}: invalid label key "${key}"`);
    }
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`${where}: invalid value for label "${key}": ${JSON.stringify(value)}`);
    }
  }
}

function checkPodSpec(podSpec, where, problems) {
  if (!podSpec) return;
  const volumes = new Set((podSpec.volumes ?? []).map((volume) => volume.name));
  for (const volume of podSpec.volumes ?? []) {
    if (!DNS_LABEL.test(volume.name ?? "") || volume.name.length > 63) {
      problems.push(`${where}: volume name "${volume.name}" is not a DNS label`);
    }
  }
  for (const container of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
    if (!DNS_LABEL.test(container.name ?? "") || container.name.length > 63) {
      problems.push(`${where}: container name "${container.name}" is not a DNS label`);
    }
    if (!container.image) problems.push(`${where}: container "${container.name}" has no image`);
    for (const port of container.ports ?? []) {
      if (port.name !== undefined && (port.name.length > 15 || !PORT_NAME.test(port.name))) {
        problems.push(`${where}: container port name "${port.name}" must be at most 15 lower-case characters`);
      }
    }
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) {
        problems.push(`${where}: container "${container.name}" mounts undeclared volume "${mount.name}"`);
      }
    }
  }
}

function podTemplates(object) {
  const spec = object.spec ?? {};
  if (object.kind === "CronJob") return [spec.jobTemplate?.spec?.template];
  if (["Deployment", "DaemonSet", "StatefulSet", "Job", "ReplicaSet"].includes(object.kind)) return [spec.template];
  return [];
}

// Rules enforced by the API server beyond the OpenAPI schema.
function checkServerRules(object, where, problems) {
  const metadata = object.metadata ?? {};
  const name = metadata.name ?? "";
  const namePattern = LABEL_NAMED_KINDS.has(object.kind) ? DNS_LABEL : DNS_SUBDOMAIN;
  const maxLength = LABEL_NAMED_KINDS.has(object.kind) ? 63 : object.kind === "CronJob" ? 52 : 253;
  if (!namePattern.test(name) || name.length > maxLength) {
    problems.push(`${where}: invalid metadata.name "${name}" for a ${object.kind}`);
  }
  checkLabels(metadata.labels, `${where} metadata.labels`, problems);
  for (const template of podTemplates(object)) {
    checkLabels(template?.metadata?.labels, `${where} pod template labels`, problems);
    checkPodSpec(template?.spec, where, problems);
  }
  const selector = object.spec?.selector?.matchLabels;
  const templateLabels = object.spec?.template?.metadata?.labels;
  if (selector && templateLabels) {
    for (const [key, value] of Object.entries(selector)) {
      if (templateLabels[key] !== value) problems.push(`${where}: selector ${key}=${value} does not match the pod template`);
    }
  }
  for (const port of object.kind === "Service" ? object.spec?.ports ?? [] : []) {
    if (port.name !== undefined && (port.name.length > 63 || !DNS_LABEL.test(port.name))) {
      problems.push(`${where}: service port name "${port.name}" is not a DNS label`);
    }
  }
}

async function validateObject(object, where, problems) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    problems.push(`${where}: not an object`);
    return;
  }
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problems.push(`${where}: missing apiVersion or kind`);
    return;
  }
  const label = `${where} ${apiVersion} ${kind} "${object.metadata?.name ?? ""}"`;
  const Model = await loadModelClass(apiVersion, kind);
  if (!Model) {
    problems.push(`${label}: no schema for this apiVersion/kind`);
    return;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${label}: ${error.message}`);
  }
  checkServerRules(object, label, problems);
}

function readInputs(paths) {
  if (paths.length === 0) return [["stdin", readFileSync(0, "utf8")]];
  return paths.map((path) => [path, readFileSync(path, "utf8")]);
}

const problems = [];
let count = 0;
for (const [source, text] of readInputs(process.argv.slice(2))) {
  let documents;
  try {
    documents = yaml.loadAll(text);
  } catch (error) {
    problems.push(`${source}: invalid YAML: ${error.message}`);
    continue;
  }
  for (const [index, document] of documents.entries()) {
    if (document === null || document === undefined) continue;
    count += 1;
    await validateObject(document, `${source}#${index + 1}`, problems);
  }
}

for (const problem of problems) console.error(problem);
if (count === 0) {
  console.error("no Kubernetes objects to validate");
  process.exit(1);
}
console.log(`${count} objects checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
