// Server-side defaulting for built-in kinds.
#include "tests/kube-apiserver-double/object_defaults.hpp"

#include "tests/kube-apiserver-double/webhook_configuration.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

void set_default(json& obj, const char* key, const json& value) {
  if (!obj.contains(key) || obj[key].is_null()) obj[key] = value;
}

bool image_is_latest(const std::string& image) {
  if (image.find('@') != std::string::npos) return false;
  const auto slash = image.rfind('/');
  const auto colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return true;  // no tag
  return image.substr(colon + 1) == "latest";
}

void default_probe(json& probe) {
  if (!probe.is_object()) return;
  set_default(probe, "timeoutSeconds", 1);
  set_default(probe, "periodSeconds", 10);
  set_default(probe, "successThreshold", 1);
  set_default(probe, "failureThreshold", 3);
  if (probe.contains("httpGet") && probe["httpGet"].is_object()) set_default(probe["httpGet"], "scheme", "HTTP");
}

void default_env(json& env) {
  if (!env.is_array()) return;
  for (auto& var : env) {
    if (!var.is_object()) continue;
    if (auto vf = var.find("valueFrom"); vf != var.end() && vf->is_object()) {
      if (auto fr = vf->find("fieldRef"); fr != vf->end() && fr->is_object()) set_default(*fr, "apiVersion", "v1");
    }
  }
}

void default_container(json& c) {
  if (!c.is_object()) return;
  set_default(c, "terminationMessagePath", "/dev/termination-log");
  set_default(c, "terminationMessagePolicy", "File");
  if (!c.contains("imagePullPolicy")) {
    c["imagePullPolicy"] = image_is_latest(c.value("image", "")) ? "Always" : "IfNotPresent";
  }
  set_default(c, "resources", json::object());
  if (auto ports = c.find("ports"); ports != c.end() && ports->is_array()) {
    for (auto& p : *ports) {
      if (p.is_object()) set_default(p, "protocol", "TCP");
    }
  }
  for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
    if (c.contains(probe)) default_probe(c[probe]);
  }
  if (c.contains("env")) default_env(c["env"]);
}

void default_pod_spec(json& spec) {
  if (!spec.is_object()) return;
  set_default(spec, "restartPolicy", "Always");
  set_default(spec, "dnsPolicy", "ClusterFirst");
  set_default(spec, "schedulerName", "default-scheduler");
  set_default(spec, "securityContext", json::object());
  set_default(spec, "terminationGracePeriodSeconds", 30);
  if (spec.contains("serviceAccountName") && spec["serviceAccountName"].is_string()) {
    set_default(spec, "serviceAccount", spec["serviceAccountName"]);
  }
  for (const char* list : {"containers", "initContainers"}) {
    if (auto it = spec.find(list); it != spec.end() && it->is_array()) {
      for (auto& c : *it) default_container(c);
    }
  }
  if (auto vols = spec.find("volumes"); vols != spec.end() && vols->is_array()) {
    for (auto& v : *vols) {
      if (!v.is_object()) continue;
      for (const char* source : {"configMap", "secret"}) {
        if (auto s = v.find(source); s != v.end() && s->is_object()) set_default(*s, "defaultMode", 420);
      }
    }
  }
}

void default_pod_template(json& tmpl, const char* restart_policy = nullptr) {
  if (!tmpl.is_object()) return;
  set_default(tmpl, "metadata", json::object());
  if (tmpl["metadata"].is_object() && !tmpl["metadata"].contains("creationTimestamp")) {
    tmpl["metadata"]["creationTimestamp"] = nullptr;
  }
  if (auto spec = tmpl.find("spec"); spec != tmpl.end() && spec->is_object()) {
    if (restart_policy) set_default(*spec, "restartPolicy", restart_policy);
    default_pod_spec(*spec);
  }
}

json* spec_of(json& object) {
  auto it = object.find("spec");
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

void default_service(json& object, const json& existing, const Allocators& allocators) {
  json* spec = spec_of(object);
  if (!spec) return;
  const json* old_spec = existing.is_object() && existing.contains("spec") ? &existing["spec"] : nullptr;
  set_default(*spec, "type", "ClusterIP");
  const std::string type = (*spec)["type"].is_string() ? (*spec)["type"].get<std::string>() : "ClusterIP";
  if (type != "ExternalName") {
    set_default(*spec, "sessionAffinity", "None");
    std::string ip = spec->value("clusterIP", "");
    if (ip.empty() && old_spec) ip = old_spec->value("clusterIP", "");
    if (ip.empty() && allocators.cluster_ip) ip = allocators.cluster_ip();
    (*spec)["clusterIP"] = ip;
    if (!spec->contains("clusterIPs")) {
      (*spec)["clusterIPs"] = old_spec && old_spec->contains("clusterIPs") ? (*old_spec)["clusterIPs"] : json::array({ip});
    }
    set_default(*spec, "ipFamilies", json::array({"IPv4"}));
    set_default(*spec, "ipFamilyPolicy", "SingleStack");
    set_default(*spec, "internalTrafficPolicy", "Cluster");
  }
  if (type == "NodePort" || type == "LoadBalancer") set_default(*spec, "externalTrafficPolicy", "Cluster");
  if (type == "LoadBalancer") set_default(*spec, "allocateLoadBalancerNodePorts", true);
  if (auto ports = spec->find("ports"); ports != spec->end() && ports->is_array()) {
    for (auto& p : *ports) {
      if (!p.is_object()) continue;
      set_default(p, "protocol", "TCP");
      if (p.contains("port")) set_default(p, "targetPort", p["port"]);
      if ((type == "NodePort" || type == "LoadBalancer") && !p.contains("nodePort")) {
        int port = 0;
        if (old_spec && old_spec->contains("ports") && (*old_spec)["ports"].is_array()) {
          for (const auto& op : (*old_spec)["ports"]) {
            if (op.is_object() && op.value("port", -1) == p.value("port", -2) && op.contains("nodePort")) {
              port = op["nodePort"].get<int>();
            }
          }
        }
        if (port == 0 && allocators.node_port) port = allocators.node_port();
        if (port != 0) p["nodePort"] = port;
      }
    }
  }
}

}  // namespace

void apply_defaults(const ResourceInfo& info, json& object, const json& existing, const Allocators& allocators) {
  if (info.is_custom || !object.is_object()) return;
  const std::string& kind = info.kind;
  json* spec = spec_of(object);
  if (kind == "Pod") {
    if (spec) default_pod_spec(*spec);
  } else if (kind == "Deployment" && spec) {
    set_default(*spec, "replicas", 1);
    set_default(*spec, "revisionHistoryLimit", 10);
    set_default(*spec, "progressDeadlineSeconds", 600);
    set_default(*spec, "strategy", json::object());
    auto& strategy = (*spec)["strategy"];
    set_default(strategy, "type", "RollingUpdate");
    if (strategy["type"] == "RollingUpdate") {
      set_default(strategy, "rollingUpdate", json::object());
      set_default(strategy["rollingUpdate"], "maxUnavailable", "25%");
      set_default(strategy["rollingUpdate"], "maxSurge", "25%");
    }
    if (spec->contains("template")) default_pod_template((*spec)["template"]);
  } else if (kind == "DaemonSet" && spec) {
    set_default(*spec, "revisionHistoryLimit", 10);
    set_default(*spec, "updateStrategy", json::object());
    auto& strategy = (*spec)["updateStrategy"];
    set_default(strategy, "type", "RollingUpdate");
    if (strategy["type"] == "RollingUpdate") {
      set_default(strategy, "rollingUpdate", json::object());
      set_default(strategy["rollingUpdate"], "maxUnavailable", 1);
      set_default(strategy["rollingUpdate"], "maxSurge", 0);
    }
    if (spec->contains("template")) default_pod_template((*spec)["template"]);
  } else if (kind == "StatefulSet" && spec) {
    set_default(*spec, "replicas", 1);
    set_default(*spec, "podManagementPolicy", "OrderedReady");
    set_default(*spec, "revisionHistoryLimit", 10);
    set_default(*spec, "updateStrategy", json::object());
    auto& strategy = (*spec)["updateStrategy"];
    set_default(strategy, "type", "RollingUpdate");
    if (strategy["type"] == "RollingUpdate") {
      set_default(strategy, "rollingUpdate", json::object());
      set_default(strategy["rollingUpdate"], "partition", 0);
    }
    set_default(*spec, "persistentVolumeClaimRetentionPolicy",
                json{{"whenDeleted", "Retain"}, {"whenScaled", "Retain"}});
    if (spec->contains("template")) default_pod_template((*spec)["template"]);
  } else if (kind == "ReplicaSet" && spec) {
    set_default(*spec, "replicas", 1);
    if (spec->contains("template")) default_pod_template((*spec)["template"]);
  } else if (kind == "Job" && spec) {
    set_default(*spec, "backoffLimit", 6);
    set_default(*spec, "completions", 1);
    set_default(*spec, "parallelism", 1);
    set_default(*spec, "completionMode", "NonIndexed");
    set_default(*spec, "suspend", false);
    if (spec->contains("template")) default_pod_template((*spec)["template"]);
  } else if (kind == "CronJob" && spec) {
    set_default(*spec, "concurrencyPolicy", "Allow");
    set_default(*spec, "suspend", false);
    set_default(*spec, "successfulJobsHistoryLimit", 3);
    set_default(*spec, "failedJobsHistoryLimit", 1);
    if (auto jt = spec->find("jobTemplate"); jt != spec->end() && jt->is_object()) {
      if (auto js = jt->find("spec"); js != jt->end() && js->is_object() && js->contains("template")) {
        default_pod_template((*js)["template"]);
      }
    }
  } else if (kind == "HorizontalPodAutoscaler" && spec) {
    set_default(*spec, "minReplicas", 1);
  } else if (kind == "Service") {
    default_service(object, existing, allocators);
  } else if (kind == "Secret") {
    set_default(object, "type", "Opaque");
  } else if (kind == "MutatingWebhookConfiguration" || kind == "ValidatingWebhookConfiguration") {
    default_webhook_configuration(object, kind == "MutatingWebhookConfiguration");
  } else if (kind == "Namespace") {
    set_default(object, "spec", json::object());
    set_default(object["spec"], "finalizers", json::array({"kubernetes"}));
    set_default(object, "status", json::object());
    set_default(object["status"], "phase", "Active");
    auto& meta = object["metadata"];
    set_default(meta, "labels", json::object());
    meta["labels"]["kubernetes.io/metadata.name"] = meta.value("name", "");
  }
}

}  // namespace peregrine::kubedouble
