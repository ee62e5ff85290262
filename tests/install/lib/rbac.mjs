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

// Verbs the API server never authorizes through a rule with resourceNames: a create request names no object yet
// (the name is in the body), a deletecollection request addresses many objects.
export const VERBS_NOT_NAME_RESTRICTABLE = new Set(["create", "deletecollection"]);

// Every (group, resource, verb) any bound rule grants, whatever the scope or resource names. With
// authorizableOnly, name-restricted rules do not contribute the verbs they cannot authorize (a rule with
// resourceNames still covers get/update/patch/delete of those objects, and list/watch with a metadata.name field
// selector).
export function grantedPermissions(bound, { authorizableOnly = false } = {}) {
  const keys = new Set();
  for (const { rule } of bound) {
    const nameRestricted = (rule.resourceNames ?? []).length > 0;
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const verb of rule.verbs ?? []) {
          if (authorizableOnly && nameRestricted && VERBS_NOT_NAME_RESTRICTABLE.has(verb)) continue;
          keys.add(permissionKey({ group, resource, verb }));
        }
      }
    }
  }
  return keys;
}

// Rules granted cluster-wide (through a ClusterRoleBinding) that are not limited to named objects.
export function unrestrictedClusterRules(bound) {
  return bound.filter(({ namespace, rule }) => namespace === null && !((rule.resourceNames ?? []).length > 0));
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
