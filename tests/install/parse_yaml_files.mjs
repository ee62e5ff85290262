#!/usr/bin/env node
// Every YAML file below the given folders parses (all documents), except Helm templates, which are only YAML
// once rendered (chart_modes.test.mjs and check_chart.sh cover them).   node parse_yaml_files.mjs DIR...
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

function* yamlFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "templates" && name !== "node_modules") yield* yamlFiles(path);
    } else if (/\.ya?ml$/.test(name)) {
      yield path;
    }
  }
}

const problems = [];
let files = 0;
let documents = 0;
for (const dir of process.argv.slice(2)) {
  for (const file of yamlFiles(dir)) {
    files += 1;
    try {
      documents += yaml.loadAll(readFileSync(file, "utf8")).filter((doc) => doc !== null && doc !== undefined).length;
    } catch (error) {
      problems.push(`${file}: ${error.message}`);
    }
  }
}
for (const problem of problems) console.error(problem);
console.log(`${files} YAML files, ${documents} documents parsed, ${problems.length} problems`);
process.exit(problems.length === 0 && files > 0 ? 0 : 1);
