// Checks that an install's pieces agree with the operator's command line (the contract in docs/install.md,
// "Operator command line"): the flags name objects that exist, the ports match the container ports, and the
// ServiceAccount holds exactly the grants those flags need (Lease, webhook Secret, webhook configuration,
// the watched namespaces). Pure function over the rendered objects; returns problems.
import { permits, rulesBoundTo, unrestrictedClusterRules } from "./rbac.mjs";

export function operatorDeployment(objects) {
  return objects.find(
    (object) => object.kind === "Deployment" && object.spec?.template?.spec?.containers?.some((c) => c.args?.[0] === "start"),
  );
}

export function operatorFlags(container) {
  const flags = new Map();
  for (const arg of container.args?.slice(1) ?? []) {
    const [name, ...value] = arg.replace(/^--/, "").split("=");
    flags.set(name, value.length > 0 ? value.join("=") : "true");
  }
  return flags;
}

const portOf = (address) => Number(String(address ?? "").split(":").at(-1));

export function wiringProblems(objects) {
  const problems = [];
  const deployment = operatorDeployment(objects);
  if (!deployment) return ["no operator Deployment (a container whose args start with `start`)"];
  const namespace = deployment.metadata?.namespace;
  const pod = deployment.spec.template.spec;
  const container = pod.containers.find((c) => c.args?.[0] === "start");
  const flags = operatorFlags(container);
  const account = { name: pod.serviceAccountName, namespace };
  const bound = rulesBoundTo(objects, account);
  const find = (kind, name, ns) =>
    objects.find((o) => o.kind === kind && o.metadata?.name === name && (ns === undefined || o.metadata?.namespace === ns));
  const containerPort = (name) => container.ports?.find((port) => port.name === name)?.containerPort;

  if (portOf(flags.get("metrics-bind-address")) !== containerPort("metrics")) problems.push("--metrics-bind-address does not match the metrics container port");
  if (portOf(flags.get("health-probe-bind-address")) !== containerPort("health")) problems.push("--health-probe-bind-address does not match the health container port");

  if (flags.has("leader-elect")) {
    const lease = flags.get("leader-election-id");
    if (!lease) problems.push("--leader-elect without --leader-election-id");
    const leases = { group: "coordination.k8s.io", resource: "leases", namespace };
    if (!permits(bound, { ...leases, verb: "create" })) problems.push("leader election on, but no create on leases in the operator namespace");
    for (const verb of ["get", "update"]) {
      if (!permits(bound, { ...leases, verb, name: lease })) problems.push(`leader election on, but no ${verb} on Lease ${lease}`);
    }
  } else if (deployment.spec.replicas > 1) {
    problems.push(`${deployment.spec.replicas} replicas without --leader-elect`);
  }

  const webhookEnabled = flags.get("webhook-enabled") !== "false";
  const webhookConfigs = objects.filter((o) => o.kind === "MutatingWebhookConfiguration");
  if (!webhookEnabled) {
    if (webhookConfigs.length > 0) problems.push("--webhook-enabled=false, but a MutatingWebhookConfiguration is installed");
  } else {
    const configName = flags.get("webhook-configuration-name");
    const config = find("MutatingWebhookConfiguration", configName);
    if (!config) problems.push(`--webhook-configuration-name ${configName}: no such MutatingWebhookConfiguration`);
    const serviceName = flags.get("webhook-service-name");
    const service = find("Service", serviceName, namespace);
    if (!service) problems.push(`--webhook-service-name ${serviceName}: no such Service in ${namespace}`);
    for (const webhook of config?.webhooks ?? []) {
      if (webhook.clientConfig?.service?.name !== serviceName) problems.push(`webhook ${webhook.name} calls another Service than --webhook-service-name`);
    }
    const bindPort = Number(flags.get("webhook-bind-port"));
    const webhookPort = service?.spec?.ports?.find((port) => port.port === 443);
    const target = typeof webhookPort?.targetPort === "string" ? containerPort(webhookPort.targetPort) : webhookPort?.targetPort;
    if (service && target !== bindPort) problems.push(`the webhook Service forwards to ${target}, the operator listens on ${bindPort}`);
    const mode = flags.get("webhook-cert-mode");
    const certDir = flags.get("webhook-cert-dir");
    if (mode === "operator") {
      const secretName = flags.get("webhook-secret-name");
      if (!find("Secret", secretName, namespace)) problems.push(`--webhook-secret-name ${secretName}: the Secret is not pre-created`);
      for (const verb of ["get", "update"]) {
        if (!permits(bound, { group: "", resource: "secrets", verb, namespace, name: secretName })) problems.push(`no ${verb} on Secret ${secretName}`);
      }
      for (const verb of ["get", "patch"]) {
        if (!permits(bound, { group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", verb, name: configName })) {
          problems.push(`no ${verb} on MutatingWebhookConfiguration ${configName} (needed to publish the caBundle)`);
        }
      }
    } else if (mode === "mounted") {
      const mount = container.volumeMounts?.find((m) => m.mountPath === certDir);
      const volume = pod.volumes?.find((v) => v.name === mount?.name);
      if (!volume?.secret?.secretName) problems.push(`--webhook-cert-mode=mounted, but no Secret is mounted at ${certDir}`);
      const hasCa = config?.webhooks?.every((w) => w.clientConfig?.caBundle) || config?.metadata?.annotations?.["cert-manager.io/inject-ca-from"];
      if (config && !hasCa) problems.push("mounted certificates, but the webhook configuration gets no caBundle");
    } else {
      problems.push(`unknown --webhook-cert-mode ${mode}`);
    }
  }

  const watchValue = container.env?.find((env) => env.name === "WATCH_NAMESPACE")?.value ?? "";
  const watched = watchValue.split(",").map((ns) => ns.trim()).filter(Boolean);
  const jaegers = { group: "jaegertracing.io", resource: "jaegers" };
  if (watched.length === 0) {
    if (!permits(bound, { ...jaegers, verb: "watch" })) problems.push("WATCH_NAMESPACE empty (cluster-wide), but jaegers cannot be watched cluster-wide");
  } else {
    for (const ns of watched) {
      if (!permits(bound, { ...jaegers, verb: "watch", namespace: ns })) problems.push(`WATCH_NAMESPACE lists ${ns}, but jaegers cannot be watched there`);
    }
    if (unrestrictedClusterRules(bound).length > 0) problems.push("namespace-scoped, but the operator holds cluster-wide grants without resourceNames");
    const granted = new Set(bound.filter(({ namespace: scope }) => scope !== null && scope !== namespace).map(({ namespace: scope }) => scope));
    for (const ns of granted) if (!watched.includes(ns)) problems.push(`grants in ${ns}, which WATCH_NAMESPACE does not list`);
  }
  return problems;
}
