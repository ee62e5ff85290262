// RBAC as data: the rules bound to a ServiceAccount (through ClusterRoleBindings and RoleBindings of one set of
// objects), whether they permit a request, and their expansion into (group, resource, verb) permissions.

function findRole(objects, kind, name, namespace) {
  return objects.find(
    (object) =>
      object.kind === kind && object.metadata?.name === name && (kind === "ClusterRole" || object.metadata?.namespace === namespace),
  );
}

// [{ namespace, rule }] where namespace is null for cluster-wide grants.
export function rulesBoundTo(objects, account) {
  const bound = [];
  for (const binding of objects.filter((object) => object.kind === "ClusterRoleBinding" || object.kind === "RoleBinding")) {
    const isSubject = (binding.subjects ?? []).some(
      (subject) => subject.kind === "ServiceAccount" && subject.name === account.name && subject.namespace === account.namespace,
    );
    if (!isSubject) continue;
    const namespace = binding.kind === "RoleBinding" ? binding.metadata?.namespace : null;
    const role = findRole(objects, binding.roleRef?.kind, binding.roleRef?.name, namespace);
    for (const rule of role?.rules ?? []) bound.push({ namespace, rule });
  }
  return bound;
}

const matches = (list, value) => (list ?? []).includes("*") || (list ?? []).includes(value);

// Whether the bound rules allow `verb` on group/resource (resource may be "jaegers/status"), optionally for one
// object name and in one namespace (null or undefined: the request is cluster-wide, e.g. a list across namespaces).
export function permits(bound, { group, resource, verb, namespace = null, name }) {
  return bound.some(({ namespace: scope, rule }) => {
    if (scope !== null && scope !== namespace) return false;
    if (!matches(rule.apiGroups, group) || !matches(rule.resources, resource) || !matches(rule.verbs, verb)) return false;
    if ((rule.resourceNames ?? []).length === 0) return true;
    return name !== undefined && rule.resourceNames.includes(name);
  });
}

export function permissionKey({ group, resource, verb }) {
  return `${group === "" ? "core" : group}/${resource}:${verb}`;
}

// Every (group, resource, verb) any bound rule grants, whatever the scope or resource names.
export function grantedPermissions(bound) {
  const keys = new Set();
  for (const { rule } of bound) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs ?? []) keys.add(permissionKey({ group, resource, verb }));
      }
    }
  }
  return keys;
}

// Wildcards in any Role or ClusterRole (least privilege forbids them).
export function wildcardProblems(objects) {
  const problems = [];
  for (const role of objects.filter((object) => object.kind === "Role" || object.kind === "ClusterRole")) {
    for (const rule of role.rules ?? []) {
      for (const field of ["apiGroups", "resources", "verbs"]) {
        if ((rule[field] ?? []).includes("*")) problems.push(`${role.kind} ${role.metadata?.name}: wildcard in ${field}`);
      }
    }
  }
  return problems;
}
