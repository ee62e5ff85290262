// GroupVersionResources of built-in Kubernetes kinds an operator typically reads or writes.
#pragma once
#include "operator/kube/group_version_resource.hpp"

namespace peregrine::kube::resources {

inline const GroupVersionResource kNamespaces{"", "v1", "namespaces", false};
inline const GroupVersionResource kPods{"", "v1", "pods", true};
inline const GroupVersionResource kServices{"", "v1", "services", true};
inline const GroupVersionResource kConfigMaps{"", "v1", "configmaps", true};
inline const GroupVersionResource kSecrets{"", "v1", "secrets", true};
inline const GroupVersionResource kServiceAccounts{"", "v1", "serviceaccounts", true};
inline const GroupVersionResource kEvents{"", "v1", "events", true};
inline const GroupVersionResource kEndpoints{"", "v1", "endpoints", true};
inline const GroupVersionResource kEventsV1{"events.k8s.io", "v1", "events", true};
inline const GroupVersionResource kDeployments{"apps", "v1", "deployments", true};
inline const GroupVersionResource kDaemonSets{"apps", "v1", "daemonsets", true};
inline const GroupVersionResource kStatefulSets{"apps", "v1", "statefulsets", true};
inline const GroupVersionResource kReplicaSets{"apps", "v1", "replicasets", true};
inline const GroupVersionResource kIngresses{"networking.k8s.io", "v1", "ingresses", true};
inline const GroupVersionResource kNetworkPolicies{"networking.k8s.io", "v1", "networkpolicies", true};
inline const GroupVersionResource kHorizontalPodAutoscalers{"autoscaling", "v2", "horizontalpodautoscalers", true};
inline const GroupVersionResource kJobs{"batch", "v1", "jobs", true};
inline const GroupVersionResource kCronJobs{"batch", "v1", "cronjobs", true};
inline const GroupVersionResource kRoles{"rbac.authorization.k8s.io", "v1", "roles", true};
inline const GroupVersionResource kRoleBindings{"rbac.authorization.k8s.io", "v1", "rolebindings", true};
inline const GroupVersionResource kClusterRoles{"rbac.authorization.k8s.io", "v1", "clusterroles", false};
inline const GroupVersionResource kClusterRoleBindings{"rbac.authorization.k8s.io", "v1", "clusterrolebindings", false};
inline const GroupVersionResource kLeases{"coordination.k8s.io", "v1", "leases", true};
inline const GroupVersionResource kCustomResourceDefinitions{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                                                             false};

}  // namespace peregrine::kube::resources
