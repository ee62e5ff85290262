// Checks on rendered Kubernetes objects beyond their OpenAPI schemas: the API server's own rules (object names,
// label syntax, port names, selectors matching pod templates) and the consistency of an install as a whole
// (Services select pods that have the named target ports, bindings point at roles and service accounts that
// exist, the webhook calls an existing Service port, the cert-manager pieces reference each other).
// Pure functions: each returns a list of problems.
import { objectKey } from "./manifests.mjs";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAMED_KINDS = new Set(["Service", "Namespace"]);
const WORKLOAD_KINDS = new Set(["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job"]);

function checkLabels(labels, where, problems) {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.indexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if ((prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) || name.length > 63 || !LABEL_NAME.test(name)) {
      problems.push(`${where}: invalid label key "${key}"`);
    }
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`${where}: invalid value for label "${key}": ${JSON.stringify(value)}`);
    }
  }
}

export function podTemplate(object) {
  if (object.kind === "CronJob") return object.spec?.jobTemplate?.spec?.template;
  if (WORKLOAD_KINDS.has(object.kind)) return object.spec?.template;
  return undefined;
}

function checkPodSpec(spec, where, problems) {
  const volumes = new Set((spec?.volumes ?? []).map((volume) => volume.name));
  for (const volume of spec?.volumes ?? []) {
    if (!DNS_LABEL.test(volume.name ?? "")) problems.push(`${where}: volume name "${volume.name}" is not a DNS label`);
  }
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    if (!DNS_LABEL.test(container.name ?? "")) problems.push(`${where}: container name "${container.name}" is not a DNS label`);
    if (!container.image) problems.push(`${where}: container "${container.name}" has no image`);
    for (const port of container.ports ?? []) {
      if (port.name !== undefined && (port.name.length > 15 || !IANA_SVC_NAME.test(port.name))) {
        problems.push(`${where}: container port name "${port.name}" is not a valid port name`);
      }
    }
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) problems.push(`${where}: container "${container.name}" mounts undeclared volume "${mount.name}"`);
    }
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      const port = probe?.httpGet?.port;
      if (typeof port === "string" && !(container.ports ?? []).some((declared) => declared.name === port)) {
        problems.push(`${where}: probe uses undeclared port "${port}"`);
      }
    }
  }
}

// API server rules for one object.
export function serverRuleProblems(object, where) {
  const problems = [];
  const name = object.metadata?.name ?? "";
  const labelNamed = LABEL_NAMED_KINDS.has(object.kind);
  if (!(labelNamed ? DNS_LABEL : DNS_SUBDOMAIN).test(name) || name.length > (labelNamed ? 63 : 253)) {
    problems.push(`${where}: invalid metadata.name "${name}" for a ${object.kind}`);
  }
  checkLabels(object.metadata?.labels, `${where} metadata.labels`, problems);
  const template = podTemplate(object);
  if (template) {
    checkLabels(template.metadata?.labels, `${where} pod template labels`, problems);
    checkPodSpec(template.spec, where, problems);
    const selector = object.spec?.selector?.matchLabels ?? {};
    for (const [key, value] of Object.entries(selector)) {
      if (template.metadata?.labels?.[key] !== value) problems.push(`${where}: selector ${key}=${value} does not match the pod template`);
    }
  }
  if (object.kind === "Service") {
    for (const port of object.spec?.ports ?? []) {
      if (port.name !== undefined && !DNS_LABEL.test(port.name)) problems.push(`${where}: service port name "${port.name}" is not a DNS label`);
    }
  }
  if (object.kind === "MutatingWebhookConfiguration" || object.kind === "ValidatingWebhookConfiguration") {
    for (const webhook of object.webhooks ?? []) {
      if ((webhook.name ?? "").split(".").length < 3 || !DNS_SUBDOMAIN.test(webhook.name ?? "")) {
        problems.push(`${where}: webhook name "${webhook.name}" must be a fully qualified domain name`);
      }
    }
  }
  return problems;
}

function matchesSelector(labels, selector) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

const CLUSTER_SCOPED = new Set([
  "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration", "ClusterIssuer", "PriorityClass", "StorageClass", "PersistentVolume",
]);

// Consistency of a whole install (objects rendered together).
export function installProblems(objects, { defaultNamespace = "default" } = {}) {
  const problems = [];
  const namespaceOf = (object) => object.metadata?.namespace ?? defaultNamespace;
  const find = (kind, name, namespace) =>
    objects.find(
      (object) => object.kind === kind && object.metadata?.name === name && (namespace === undefined || namespaceOf(object) === namespace),
    );
  const seen = new Set();
  for (const object of objects) {
    const key = objectKey(object);
    if (seen.has(key)) problems.push(`${key}: defined twice`);
    seen.add(key);
    if (CLUSTER_SCOPED.has(object.kind) && object.metadata?.namespace) problems.push(`${key}: cluster-scoped object with a namespace`);
  }
  const workloads = objects.filter((object) => podTemplate(object));
  for (const service of objects.filter((object) => object.kind === "Service" && object.spec?.selector)) {
    const pods = workloads
      .filter((workload) => namespaceOf(workload) === namespaceOf(service))
      .map(podTemplate)
      .filter((template) => matchesSelector(template.metadata?.labels, service.spec.selector));
    if (pods.length === 0) {
      problems.push(`${objectKey(service)}: selects no pod template of this install`);
      continue;
    }
    for (const port of service.spec.ports ?? []) {
      if (typeof port.targetPort !== "string") continue;
      const declared = pods.some((template) =>
        (template.spec?.containers ?? []).some((container) => (container.ports ?? []).some((p) => p.name === port.targetPort)),
      );
      if (!declared) problems.push(`${objectKey(service)}: targetPort "${port.targetPort}" is not a container port of the selected pods`);
    }
  }
  for (const binding of objects.filter((object) => object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding")) {
    const { kind, name } = binding.roleRef ?? {};
    const roleNamespace = kind === "Role" ? namespaceOf(binding) : undefined;
    if (!find(kind, name, roleNamespace)) problems.push(`${objectKey(binding)}: roleRef ${kind} "${name}" is not part of this install`);
    for (const subject of binding.subjects ?? []) {
      if (subject.kind === "ServiceAccount" && !find("ServiceAccount", subject.name, subject.namespace)) {
        problems.push(`${objectKey(binding)}: subject ServiceAccount ${subject.namespace}/${subject.name} is not part of this install`);
      }
    }
  }
  for (const workload of workloads) {
    const account = podTemplate(workload).spec?.serviceAccountName;
    if (account && !find("ServiceAccount", account, namespaceOf(workload))) {
      problems.push(`${objectKey(workload)}: serviceAccountName "${account}" is not part of this install`);
    }
    for (const volume of podTemplate(workload).spec?.volumes ?? []) {
      const secret = volume.secret?.secretName;
      const issued = objects.some((object) => object.kind === "Certificate" && object.spec?.secretName === secret);
      if (secret && !find("Secret", secret, namespaceOf(workload)) && !issued) {
        problems.push(`${objectKey(workload)}: volume "${volume.name}" mounts Secret "${secret}" that nothing in this install creates`);
      }
    }
  }
  for (const config of objects.filter((object) => object.kind === "MutatingWebhookConfiguration")) {
    for (const webhook of config.webhooks ?? []) {
      const target = webhook.clientConfig?.service;
      if (!target) continue;
      const service = find("Service", target.name, target.namespace);
      if (!service) {
        problems.push(`${objectKey(config)}: webhook "${webhook.name}" calls Service ${target.namespace}/${target.name} that is not part of this install`);
      } else if (!(service.spec?.ports ?? []).some((port) => port.port === (target.port ?? 443))) {
        problems.push(`${objectKey(config)}: webhook "${webhook.name}" calls port ${target.port ?? 443} that the Service does not expose`);
      }
    }
    const injectFrom = config.metadata?.annotations?.["cert-manager.io/inject-ca-from"];
    if (injectFrom) {
      const [namespace, name] = injectFrom.split("/");
      if (!find("Certificate", name, namespace)) problems.push(`${objectKey(config)}: inject-ca-from names a Certificate that is not part of this install`);
    }
  }
  for (const certificate of objects.filter((object) => object.kind === "Certificate")) {
    const { kind = "Issuer", name } = certificate.spec?.issuerRef ?? {};
    if (kind === "Issuer" && !find("Issuer", name, namespaceOf(certificate))) {
      problems.push(`${objectKey(certificate)}: issuer "${name}" is not part of this install`);
    }
  }
  return problems;
}
