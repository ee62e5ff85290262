#!/usr/bin/env node
// Static checks of one docker/<component>.Dockerfile (no Docker engine needed):
//   node lint_dockerfile.mjs docker/collector.Dockerfile --target peregrine-collector [--ports "9411 14250"]
// - multi-stage: a debian:12 build stage that installs scripts/install-deps.sh and builds the target with CMake,
//   then a final debian:12-slim stage;
// - the final stage copies the target's binary from the build stage, installs the runtime packages the build
//   stage listed, cleans the apt lists, runs as a numeric non-root USER and has ENTRYPOINT ["<binary>"] in
//   exec form naming the target;
// - EXPOSE lists valid ports (exactly --ports when given), no unpinned or remote base images, no ADD of URLs;
// - a BuildKit <Dockerfile>.dockerignore keeps build trees and node_modules out of the context.
import { existsSync, readFileSync } from "node:fs";

function parseInstructions(text) {
  const instructions = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (pending === "" && (line.trim() === "" || line.trimStart().startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    const [keyword, ...rest] = full.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" ") });
  }
  return instructions;
}

function stagesOf(instructions) {
  const stages = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [image, as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1).instructions.push(instruction);
    }
  }
  return stages;
}

const args = process.argv.slice(2);
const file = args[0];
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const target = option("--target");
const expectedPorts = option("--ports");
if (!file || !target) {
  console.error("usage: lint_dockerfile.mjs DOCKERFILE --target CMAKE_TARGET [--ports \"P1 P2/udp\"]");
  process.exit(2);
}

const problems = [];
const stages = stagesOf(parseInstructions(readFileSync(file, "utf8")));
const all = (stage, keyword) => stage.instructions.filter((instruction) => instruction.keyword === keyword);

if (stages.length < 2) problems.push("not a multi-stage build");
const build = stages[0];
const runtime = stages.at(-1);
for (const stage of stages) {
  if (!/^debian:12(-slim)?$/.test(stage.image)) problems.push(`FROM ${stage.image}: stages must be debian:12 or debian:12-slim`);
}
if (build && build.image !== "debian:12") problems.push("the build stage must be FROM debian:12");
if (runtime && runtime.image !== "debian:12-slim") problems.push("the final stage must be FROM debian:12-slim");
if (build && !build.name) problems.push("the build stage needs a name (FROM debian:12 AS build)");

if (build) {
  const runs = all(build, "RUN").map((instruction) => instruction.args).join("\n");
  if (!all(build, "COPY").some((copy) => copy.args.includes("scripts/install-deps.sh"))) {
    problems.push("the build stage must copy scripts/install-deps.sh");
  }
  if (!/\.\/scripts\/install-deps\.sh/.test(runs)) problems.push("the build stage must run scripts/install-deps.sh");
  if (!new RegExp(`cmake --build \\S+ --target ${target}(\\s|$)`).test(runs)) {
    problems.push(`the build stage must build the CMake target ${target}`);
  }
  if (!/-DPEREGRINE_BUILD_TESTS=OFF/.test(runs)) problems.push("the build stage should configure without tests");
  if (!new RegExp(`runtime-packages\\.sh \\S*/${target}\\b`).test(runs)) {
    problems.push("the build stage must list the runtime packages of the binary (docker/runtime-packages.sh)");
  }
}

if (runtime) {
  const copies = all(runtime, "COPY").map((instruction) => instruction.args);
  const binary = `/usr/local/bin/${target}`;
  if (!copies.some((copy) => new RegExp(`^--from=${build?.name}\\s+\\S*/${target}\\s+${binary}$`).test(copy))) {
    problems.push(`the final stage must COPY --from=${build?.name} the ${target} binary to ${binary}`);
  }
  const runs = all(runtime, "RUN").map((instruction) => instruction.args);
  if (!runs.some((run) => /runtime-packages\.txt/.test(run))) problems.push("the final stage must install the listed runtime packages");
  for (const run of runs) {
    // Each layer must clean up after itself: a later `rm` does not shrink an earlier layer.
    if (/apt-get install/.test(run) && !/--no-install-recommends/.test(run)) problems.push("apt-get install without --no-install-recommends");
    if (/apt-get update/.test(run) && !/rm -rf \/var\/lib\/apt\/lists/.test(run)) problems.push("a RUN leaves the apt lists in the image");
    if (/\b(build-essential|cmake|ninja-build|g\+\+|-dev)\b/.test(run)) problems.push("build tools or -dev packages in the final stage");
  }

  const users = all(runtime, "USER");
  const user = users.at(-1)?.args ?? "";
  const [uid, gid] = user.split(":");
  if (users.length === 0) problems.push("the final stage has no USER (it would run as root)");
  else if (!/^\d+$/.test(uid) || Number(uid) === 0 || (gid !== undefined && (!/^\d+$/.test(gid) || Number(gid) === 0))) {
    problems.push(`USER ${user}: must be a numeric non-root uid[:gid] (runAsNonRoot can only verify numbers)`);
  }

  const entrypoints = all(runtime, "ENTRYPOINT");
  let entrypoint;
  try {
    entrypoint = JSON.parse(entrypoints.at(-1)?.args ?? "null");
  } catch {
    entrypoint = null;
  }
  if (!Array.isArray(entrypoint)) problems.push("ENTRYPOINT must be in exec form: [\"/usr/local/bin/<binary>\"]");
  else if (entrypoint[0] !== binary) problems.push(`ENTRYPOINT runs ${entrypoint[0]}, expected ${binary}`);
  if (all(runtime, "CMD").length > 0) problems.push("CMD would add arguments the operator does not expect");

  const exposed = all(runtime, "EXPOSE").flatMap((instruction) => instruction.args.split(/\s+/));
  for (const port of exposed) {
    const match = /^(\d+)(\/(tcp|udp))?$/.exec(port);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > 65535) problems.push(`EXPOSE ${port}: not a port`);
  }
  if (expectedPorts !== undefined) {
    const want = expectedPorts.split(/\s+/).filter(Boolean).sort().join(" ");
    if (exposed.slice().sort().join(" ") !== want) problems.push(`EXPOSE ${exposed.join(" ")}, expected ${expectedPorts}`);
  }
}

for (const stage of stages) {
  for (const instruction of stage.instructions) {
    if (instruction.keyword === "ADD" && /https?:\/\//.test(instruction.args)) problems.push("ADD of a URL (fetches at build time)");
  }
}

const ignoreFile = `${file}.dockerignore`;
if (!existsSync(ignoreFile)) {
  problems.push(`${ignoreFile} is missing (the build context would include build trees)`);
} else {
  const ignored = readFileSync(ignoreFile, "utf8").split("\n").map((line) => line.trim());
  for (const pattern of [".git", "build", "build-*", "**/node_modules"]) {
    if (!ignored.includes(pattern)) problems.push(`${ignoreFile} does not exclude ${pattern}`);
  }
}

for (const problem of problems) console.error(`${file}: ${problem}`);
console.log(`${file}: ${stages.length} stages, target ${target}, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
