// Finds fields a schema does not know. The kubernetes-models validators accept unknown fields (the API server
// prunes or, under kubectl's strict field validation, rejects them), so the object is validated through
// proxies that record which properties the validator looked up: a property of a map the validator checked
// field by field (never enumerated) that it never looked up is unknown to the schema.
export function trackAccess(root) {
  const records = new WeakMap();
  const proxies = new WeakMap();
  const wrap = (value) => {
    if (value === null || typeof value !== "object") return value;
    if (proxies.has(value)) return proxies.get(value);
    const record = { accessed: new Set(), enumerated: false };
    records.set(value, record);
    const proxy = new Proxy(value, {
      get(target, property, receiver) {
        if (typeof property === "string") record.accessed.add(property);
        return wrap(Reflect.get(target, property, receiver));
      },
      has(target, property) {
        if (typeof property === "string") record.accessed.add(property);
        return Reflect.has(target, property);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return { proxy: wrap(root), records };
}

// The generated validators leave out properties whose names look like JSON Schema annotations: "description"
// (CustomResourceColumnDefinition, JSONSchemaProps) and the x-kubernetes-* extensions of JSONSchemaProps.
// They are never reported.
function isUnvalidatedByDesign(key) {
  return key === "description" || key.startsWith("x-kubernetes-");
}

// Paths of properties that the validator never looked up in a map it checked field by field.
export function unknownFields(root, records, path = "") {
  if (root === null || typeof root !== "object") return [];
  const record = records.get(root);
  // Not reached, or only type-checked as a whole (free-form values such as RawExtension or JSON).
  if (!record) return [];
  const found = [];
  if (Array.isArray(root)) {
    root.forEach((item, index) => found.push(...unknownFields(item, records, `${path}[${index}]`)));
    return found;
  }
  for (const [key, value] of Object.entries(root)) {
    const childPath = path ? `${path}.${key}` : key;
    const checkedFieldByField = !record.enumerated && record.accessed.size > 0;
    if (checkedFieldByField && !record.accessed.has(key) && !isUnvalidatedByDesign(key)) found.push(childPath);
    else found.push(...unknownFields(value, records, childPath));
  }
  return found;
}
