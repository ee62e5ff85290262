// The operator's command line as the binary itself documents it: the flag names `peregrine-operator start --help`
// lists, and which flags of an install's container args are not among them. Pure functions over text and args.

// Every `--flag` the help text names (option lines and aliases mentioned in descriptions alike).
export function helpFlagNames(helpText) {
  return new Set([...helpText.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((match) => match[1]));
}

// Names of the flags in `args` (the container args after the `start` subcommand) that the help does not list.
export function unknownFlags(args, known) {
  return args
    .filter((arg) => arg.startsWith("-"))
    .map((arg) => arg.replace(/^--?/, "").split("=")[0])
    .filter((name) => !known.has(name));
}
