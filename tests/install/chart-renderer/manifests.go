// Turning rendered template files into the `helm template` output stream: each file is split into its YAML
// documents, empty ones are dropped, and the documents are sorted in Helm's install order (by kind, then by
// source file, keeping each file's internal order), each preceded by "# Source: <chart>/<file>".
package main

import (
	"regexp"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// The kinds Helm installs first, in order; other kinds follow, in source order.
var installOrder = []string{
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
	"PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
	"PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
	"ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
	"Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
}

// Manifest is one YAML document of the output.
type Manifest struct {
	Source  string
	Kind    string
	Content string
	order   int
}

var documentSeparator = regexp.MustCompile(`(?m)^---[ \t]*(#.*)?$`)

// hasContent reports whether a document holds more than blank lines and comments.
func hasContent(document string) bool {
	for _, line := range strings.Split(document, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			return true
		}
	}
	return false
}

// SplitManifests splits one rendered file into documents with their kinds.
func SplitManifests(source, rendered string) ([]Manifest, error) {
	var manifests []Manifest
	for _, document := range documentSeparator.Split(rendered, -1) {
		if !hasContent(document) {
			continue
		}
		head := struct {
			Kind string `json:"kind"`
		}{}
		if err := yaml.Unmarshal([]byte(document), &head); err != nil {
			return nil, &renderError{source: source, message: "rendered invalid YAML: " + err.Error() + "\n" + document}
		}
		manifests = append(manifests, Manifest{Source: source, Kind: head.Kind, Content: strings.Trim(document, "\n")})
	}
	return manifests, nil
}

func kindRank(kind string) int {
	for index, known := range installOrder {
		if known == kind {
			return index
		}
	}
	return len(installOrder)
}

// SortManifests orders manifests like Helm's install order (stable).
func SortManifests(manifests []Manifest) {
	for index := range manifests {
		manifests[index].order = index
	}
	sort.SliceStable(manifests, func(i, j int) bool {
		ri, rj := kindRank(manifests[i].Kind), kindRank(manifests[j].Kind)
		if ri != rj {
			return ri < rj
		}
		return manifests[i].order < manifests[j].order
	})
}

// FormatManifests prints the documents as `helm template` does.
func FormatManifests(manifests []Manifest) string {
	var out strings.Builder
	for _, manifest := range manifests {
		out.WriteString("---\n# Source: " + manifest.Source + "\n" + manifest.Content + "\n")
	}
	return out.String()
}

type renderError struct {
	source  string
	message string
}

func (e *renderError) Error() string { return e.source + ": " + e.message }
