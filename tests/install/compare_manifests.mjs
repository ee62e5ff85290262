#!/usr/bin/env node
// Fails unless two multi-document YAML files hold the same Kubernetes objects (same identities, same content,
// any order). Used to keep manifests/install.yaml equal to what overlays/cluster-wide renders.
import { loadDocuments, objectKey, deepEqual, differences } from "./lib/manifests.mjs";

const [expectedPath, actualPath] = process.argv.slice(2);
if (!expectedPath || !actualPath) {
  console.error("usage: compare_manifests.mjs EXPECTED.yaml ACTUAL.yaml");
  process.exit(2);
}
const index = (path) => new Map(loadDocuments([path]).map(({ object }) => [objectKey(object), object]));
const expected = index(expectedPath);
const actual = index(actualPath);
const problems = [];
for (const [key, object] of expected) {
  if (!actual.has(key)) problems.push(`${key}: only in ${expectedPath}`);
  else if (!deepEqual(object, actual.get(key))) {
    problems.push(`${key}: differs at ${differences(object, actual.get(key)).slice(0, 5).join(", ")}`);
  }
}
for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${key}: only in ${actualPath}`);
for (const problem of problems) console.error(problem);
console.log(`${expected.size} objects compared, ${problems.length} differences`);
process.exit(problems.length === 0 && expected.size > 0 ? 0 : 1);
