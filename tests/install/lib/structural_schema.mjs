// The subset of OpenAPI v3 that Kubernetes accepts in a CustomResourceDefinition ("structural schemas"), as two
// pure functions: `structuralProblems` lists the rules a CRD schema breaks (the API server would reject the CRD),
// `validateValue` lists the problems of a custom resource against such a schema. Validation is strict about
// unknown fields: the API server would silently prune them (or reject them under kubectl's strict field
// validation), so a CR field the schema does not declare is a bug in the schema.

const TYPES = new Set(["object", "array", "string", "integer", "number", "boolean"]);
const JUNCTORS = ["allOf", "anyOf", "oneOf", "not"];
const KNOWN_KEYWORDS = new Set([
  "description", "type", "format", "title", "default", "nullable", "enum", "maximum", "exclusiveMaximum",
  "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
  "multipleOf", "maxProperties", "minProperties", "required", "items", "properties", "additionalProperties",
  "allOf", "anyOf", "oneOf", "not", "example", "externalDocs",
  "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations",
]);
const FORBIDDEN_IN_JUNCTORS = ["description", "type", "default", "additionalProperties", "nullable"];

function isIntOrStringAnyOf(schema) {
  const alternatives = schema.anyOf ?? [];
  return (
    alternatives.length === 2 &&
    alternatives.some((entry) => entry.type === "integer") &&
    alternatives.some((entry) => entry.type === "string")
  );
}

function checkJunctorContent(schema, path, problems) {
  for (const junctor of JUNCTORS) {
    const branches = junctor === "not" ? (schema.not ? [schema.not] : []) : schema[junctor] ?? [];
    for (const [index, branch] of branches.entries()) {
      for (const keyword of FORBIDDEN_IN_JUNCTORS) {
        // The int-or-string idiom is the one allowed use of `type` inside anyOf.
        if (keyword === "type" && junctor === "anyOf" && schema["x-kubernetes-int-or-string"]) continue;
        if (branch[keyword] !== undefined) problems.push(`${path}.${junctor}[${index}]: "${keyword}" is not allowed here`);
      }
      for (const field of Object.keys(branch.properties ?? {})) {
        if (!schema.properties?.[field]) {
          problems.push(`${path}.${junctor}[${index}]: field "${field}" must also be declared outside ${junctor}`);
        }
      }
    }
  }
}

// Rules from "Specifying a structural schema" in the Kubernetes CRD documentation.
export function structuralProblems(schema, path = "openAPIV3Schema", isRoot = true) {
  const problems = [];
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    return [`${path}: a schema must be a map`];
  }
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) problems.push(`${path}: unsupported keyword "${keyword}"`);
  }
  const intOrString = schema["x-kubernetes-int-or-string"] === true;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (schema.type === undefined) {
    if (!intOrString && !preserve) problems.push(`${path}: every node needs a type`);
  } else if (!TYPES.has(schema.type)) {
    problems.push(`${path}: unknown type "${schema.type}"`);
  }
  if (intOrString) {
    if (schema.type !== undefined) problems.push(`${path}: x-kubernetes-int-or-string must not set a type`);
    if (schema.anyOf !== undefined && !isIntOrStringAnyOf(schema)) {
      problems.push(`${path}: x-kubernetes-int-or-string allows only anyOf [integer, string]`);
    }
  }
  if (preserve && schema.type !== undefined && schema.type !== "object" && schema.type !== "array") {
    problems.push(`${path}: x-kubernetes-preserve-unknown-fields needs type object (or array)`);
  }
  if (schema.properties !== undefined && schema.additionalProperties !== undefined) {
    problems.push(`${path}: properties and additionalProperties are mutually exclusive`);
  }
  if (schema.type === "array" && schema.items === undefined) problems.push(`${path}: an array needs items`);
  if (schema.type !== "object" && schema.properties !== undefined && !preserve) {
    problems.push(`${path}: properties need type object`);
  }
  if (isRoot && schema.type !== "object") problems.push(`${path}: the root must be an object`);
  if (schema["x-kubernetes-list-type"] === "map") {
    const keys = schema["x-kubernetes-list-map-keys"] ?? [];
    if (keys.length === 0) problems.push(`${path}: list type map needs x-kubernetes-list-map-keys`);
    for (const key of keys) {
      const item = schema.items ?? {};
      if (!item.properties?.[key]) problems.push(`${path}: list map key "${key}" is not an item property`);
      else if (!(item.required ?? []).includes(key) && item.properties[key].default === undefined) {
        problems.push(`${path}: list map key "${key}" must be required or defaulted`);
      }
    }
  }
  for (const field of schema.required ?? []) {
    if (schema.properties && !schema.properties[field]) problems.push(`${path}: required field "${field}" is not declared`);
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, "u");
    } catch (error) {
      problems.push(`${path}: invalid pattern: ${error.message}`);
    }
  }
  checkJunctorContent(schema, path, problems);
  if (isRoot && schema.properties?.metadata) {
    const metadata = schema.properties.metadata;
    const extra = Object.keys(metadata).filter((key) => !["type", "description", "properties"].includes(key));
    const fields = Object.keys(metadata.properties ?? {}).filter((key) => !["name", "generateName"].includes(key));
    if (extra.length > 0 || fields.length > 0) {
      problems.push(`${path}.properties.metadata: only restrictions on name and generateName are allowed`);
    }
  }
  for (const [field, child] of Object.entries(schema.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.properties.${field}`, false));
  }
  if (schema.items !== undefined) problems.push(...structuralProblems(schema.items, `${path}.items`, false));
  if (typeof schema.additionalProperties === "object") {
    problems.push(...structuralProblems(schema.additionalProperties, `${path}.additionalProperties`, false));
  }
  return problems;
}

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const INT_RANGES = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

function checkScalar(value, schema, path, problems) {
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: ${value} is below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: ${value} is above ${schema.maximum}`);
    const range = INT_RANGES[schema.format];
    if (range && (value < range[0] || value > range[1])) problems.push(`${path}: ${value} does not fit ${schema.format}`);
  }
  if (typeof value === "string") {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      problems.push(`${path}: "${value}" does not match ${schema.pattern}`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.format === "date-time" && !DATE_TIME.test(value)) problems.push(`${path}: "${value}" is not a date-time`);
  }
}

// Problems of `value` against a structural `schema`; `path` names the value in messages.
export function validateValue(value, schema, path = "") {
  const problems = [];
  const where = path === "" ? "(root)" : path;
  if (value === null) {
    // The API server prunes nulls of non-nullable fields before validation, so they are harmless.
    return problems;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    if (typeOf(value) !== "integer" && typeOf(value) !== "string") {
      problems.push(`${where}: expected an integer or a string, got ${typeOf(value)}`);
      return problems;
    }
    checkScalar(value, schema, where, problems);
    return problems;
  }
  if (schema.type !== undefined && !matchesType(value, schema.type)) {
    problems.push(`${where}: expected ${schema.type}, got ${typeOf(value)}`);
    return problems;
  }
  checkScalar(value, schema, where, problems);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${where}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, index) => problems.push(...validateValue(item, schema.items, `${path}[${index}]`)));
    if (schema["x-kubernetes-list-type"] === "map") {
      const seen = new Set();
      for (const item of value) {
        const key = JSON.stringify((schema["x-kubernetes-list-map-keys"] ?? []).map((name) => item?.[name]));
        if (seen.has(key)) problems.push(`${where}: duplicate list entry ${key}`);
        seen.add(key);
      }
    }
    return problems;
  }
  if (typeOf(value) === "object") {
    for (const field of schema.required ?? []) {
      if (value[field] === undefined) problems.push(`${where}: missing required field "${field}"`);
    }
    const prefix = path === "" ? "" : `${path}.`;
    for (const [field, child] of Object.entries(value)) {
      const declared = schema.properties?.[field];
      if (declared) {
        problems.push(...validateValue(child, declared, prefix + field));
      } else if (typeof schema.additionalProperties === "object") {
        problems.push(...validateValue(child, schema.additionalProperties, prefix + field));
      } else if (schema.additionalProperties === true || schema["x-kubernetes-preserve-unknown-fields"]) {
        continue;
      } else if (schema.properties !== undefined || schema.additionalProperties === false) {
        problems.push(`${prefix}${field}: unknown field (the API server would drop it)`);
      }
    }
  }
  return problems;
}
