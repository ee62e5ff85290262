#!/usr/bin/env node
// Checks that every install artifact starts the operator with flags the binary accepts: each rendered install
// (the chart in every mode, the kustomize base and overlays, manifests/install.yaml) must use only flag names that
// `peregrine-operator start --help` lists, and `peregrine-operator <args> --help` must exit 0 (the binary parses
// and validates every flag and value before it stops at --help, so a wrong value fails too).
//   node operator_flags_accepted.mjs --operator BINARY
// Needs render_chart.sh's renderer (helm or $PEREGRINE_CHART_RENDERER) and kubectl ($KUBECTL).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { operatorDeployment } from "./lib/operator_wiring.mjs";
import { helpFlagNames, unknownFlags } from "./lib/operator_cli.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

const CHART_MODES = {
  default: [],
  leader_election: ["--set", "replicaCount=3"],
  namespace_scoped: ["--set", "watchNamespaces={team-a,team-b}"],
  namespace_scoped_operator_certs: ["--set", "watchNamespaces={team-a}", "--set", "webhook.certificateSource=operator"],
  cert_manager: ["--set", "webhook.certificateSource=cert-manager"],
  without_webhook: ["--set", "webhook.enabled=false"],
};
const KUSTOMIZATIONS = ["base", "overlays/cluster-wide", "overlays/namespace-scoped"];

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  return result;
}

function output(command, args) {
  const result = run(command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

// [label, container args] of every install artifact.
function installs() {
  const chart = join(root, "charts", "peregrine-operator");
  const rendered = [];
  for (const [mode, args] of Object.entries(CHART_MODES)) {
    rendered.push([`chart ${mode}`, output(join(here, "render_chart.sh"), ["peregrine-operator", chart, "--namespace", "peregrine-system", ...args])]);
  }
  for (const dir of KUSTOMIZATIONS) {
    rendered.push([`kustomize ${dir}`, output(process.env.KUBECTL ?? "kubectl", ["kustomize", join(root, "manifests", dir)])]);
  }
  rendered.push(["manifests/install.yaml", readFileSync(join(root, "manifests", "install.yaml"), "utf8")]);
  return rendered.map(([label, text]) => {
    const deployment = operatorDeployment(yaml.loadAll(text).filter(Boolean));
    if (!deployment) throw new Error(`${label}: no operator Deployment`);
    return [label, deployment.spec.template.spec.containers.find((c) => c.args?.[0] === "start").args];
  });
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.length !== 2 || argv[0] !== "--operator") throw new Error("usage: operator_flags_accepted.mjs --operator BINARY");
  const operator = argv[1];
  const known = helpFlagNames(output(operator, ["start", "--help"]));
  if (known.size === 0) throw new Error(`${operator} start --help lists no flags`);
  let failures = 0;
  for (const [label, args] of installs()) {
    const unknown = unknownFlags(args.slice(1), known);
    for (const name of unknown) console.error(`${label}: --${name} is not a flag of \`${operator} start --help\``);
    const parsed = run(operator, [...args, "--help"]);
    if (parsed.status !== 0) console.error(`${label}: the operator rejects its args: ${parsed.stderr.split("\n")[0]}`);
    const failed = unknown.length + (parsed.status !== 0 ? 1 : 0);
    failures += failed;
    console.log(`${label}: ${args.length - 1} flags, ${failed === 0 ? "accepted" : "REJECTED"}`);
  }
  process.exit(failures === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(`operator_flags_accepted: ${error.message}`);
    process.exit(2);
  }
}
