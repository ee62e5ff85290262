// Reading multi-document Kubernetes YAML: documents as plain objects, the identity of an object
// (apiVersion, kind, namespace, name) and a deep comparison that ignores key order.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

// Every non-empty document of the YAML files (or file descriptors such as /dev/fd/N), with where it came from.
export function loadDocuments(paths) {
  const documents = [];
  for (const path of paths) {
    const text = readFileSync(path === "-" ? 0 : path, "utf8");
    for (const [index, document] of yaml.loadAll(text).entries()) {
      if (document === null || document === undefined) continue;
      documents.push({ source: `${path}#${index + 1}`, object: document });
    }
  }
  return documents;
}

export function objectKey(object) {
  const namespace = object?.metadata?.namespace ?? "";
  return `${object?.apiVersion}/${object?.kind} ${namespace}${namespace ? "/" : ""}${object?.metadata?.name ?? ""}`;
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]));
}

// Paths where two values differ (for messages).
export function differences(a, b, path = "") {
  if (deepEqual(a, b)) return [];
  if (typeof a === "object" && typeof b === "object" && a && b && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => differences(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return [path || "(root)"];
}
