// Built-in resource table: group, version, names, scope, status subresource, generation tracking.
#include "tests/kube-apiserver-double/builtin_resources.hpp"

namespace peregrine::kubedouble {
namespace {

ResourceInfo make(const char* group, const char* version, const char* plural, const char* singular, const char* kind,
                  bool namespaced, std::vector<std::string> short_names, bool has_status, bool tracks_generation,
                  std::vector<std::string> categories = {}) {
  ResourceInfo r;
  r.group = group;
  r.version = version;
  r.plural = plural;
  r.singular = singular;
  r.kind = kind;
  r.namespaced = namespaced;
  r.short_names = std::move(short_names);
  r.has_status = has_status;
  r.tracks_generation = tracks_generation;
  r.categories = std::move(categories);
  return r;
}

}  // namespace

std::vector<ResourceInfo> builtin_resources() {
  const std::vector<std::string> all{"all"};
  return {
      make("", "v1", "namespaces", "namespace", "Namespace", false, {"ns"}, true, false),
      make("", "v1", "pods", "pod", "Pod", true, {"po"}, true, false, all),
      make("", "v1", "services", "service", "Service", true, {"svc"}, true, false, all),
      make("", "v1", "configmaps", "configmap", "ConfigMap", true, {"cm"}, false, false),
      make("", "v1", "secrets", "secret", "Secret", true, {}, false, false),
      make("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, {"sa"}, false, false),
      make("", "v1", "events", "event", "Event", true, {"ev"}, false, false),
      make("", "v1", "endpoints", "endpoints", "Endpoints", true, {"ep"}, false, false),
      make("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, {"pvc"}, true,
           false),
      make("", "v1", "nodes", "node", "Node", false, {"no"}, true, false),
      make("apps", "v1", "deployments", "deployment", "Deployment", true, {"deploy"}, true, true, all),
      make("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, {"ds"}, true, true, all),
      make("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, {"sts"}, true, true, all),
      make("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, {"rs"}, true, true, all),
      make("batch", "v1", "jobs", "job", "Job", true, {}, true, true, all),
      make("batch", "v1", "cronjobs", "cronjob", "CronJob", true, {"cj"}, true, true, all),
      make("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
           {"hpa"}, true, true, all),
      make("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, {"ing"}, true, true),
      make("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, {"netpol"}, false,
           true),
      make("networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false, {}, false, false),
      make("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, {"pdb"}, true,
           true),
      make("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, {}, false, false),
      make("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, {}, false, false),
      make("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, {}, false, false),
      make("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false,
           {}, false, false),
      make("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "mutatingwebhookconfiguration",
           "MutatingWebhookConfiguration", false, {}, false, true),
      make("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration",
           "ValidatingWebhookConfiguration", false, {}, false, true),
      make("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, {}, false, false),
      make("events.k8s.io", "v1", "events", "event", "Event", true, {"ev"}, false, false),
      make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
           "CustomResourceDefinition", false, {"crd", "crds"}, true, true),
  };
}

}  // namespace peregrine::kubedouble
