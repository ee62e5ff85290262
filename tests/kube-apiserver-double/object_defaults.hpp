// Server-side defaulting the double applies on create and update, so clients meet the same "the server added
// fields" drift they meet on a real cluster (a controller comparing naively will see differences):
//  - pod templates (Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob, Pod): restartPolicy,
//    dnsPolicy, schedulerName, securityContext {}, terminationGracePeriodSeconds, serviceAccount (copied from
//    serviceAccountName), template metadata.creationTimestamp null; per container terminationMessagePath/Policy,
//    imagePullPolicy (Always for :latest or untagged images), resources {}, port protocol TCP, probe timings and
//    httpGet scheme; configMap/secret volume defaultMode 420; fieldRef apiVersion v1;
//  - Deployment replicas/revisionHistoryLimit/progressDeadlineSeconds/strategy; DaemonSet and StatefulSet
//    update strategies; Job backoffLimit/completions/parallelism/completionMode/suspend; CronJob concurrency,
//    suspend and history limits; HPA minReplicas 1;
//  - Service type ClusterIP, sessionAffinity, clusterIP(s) allocated from 10.96.0.0/16, ipFamilies,
//    ipFamilyPolicy, internalTrafficPolicy, port protocol and targetPort (= port), nodePorts for NodePort /
//    LoadBalancer; Secret type Opaque; Namespace finalizers, phase and kubernetes.io/metadata.name label;
//  - Mutating/ValidatingWebhookConfiguration webhooks (see webhook_configuration.hpp).
// Not emulated: every other defaulter of the real API server (e.g. Job selectors and controller-uid labels).
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

struct Allocators {
  std::function<std::string()> cluster_ip;
  std::function<int()> node_port;
};

// Fills defaults in place. `existing` is the stored object on updates (null on create): allocated values
// (clusterIP, nodePorts) carry over from it.
void apply_defaults(const ResourceInfo& info, nlohmann::json& object, const nlohmann::json& existing,
                    const Allocators& allocators);

}  // namespace peregrine::kubedouble
