// chart-renderer: renders a Helm chart offline with the same command line and output as `helm template`, for
// machines without helm. Built from Go's text/template, Debian's sprig (golang-github-masterminds-sprig-dev) and
// sigs.k8s.io/yaml (Helm's YAML library), so templates behave as they do under Helm 3.
//
//	chart-renderer RELEASE CHART_DIR [-n NS] [-f values.yaml]... [--set k=v]... [--set-string k=v]...
//	               [--include-crds] [--kube-version v1.30.0] [-a group/version]... [-s templates/x.yaml]...
package main

import (
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/Masterminds/semver"
)

// The API versions a default `helm template` assumes the cluster serves (Kubernetes built-ins).
var builtinAPIVersions = []string{
	"v1", "admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1",
	"apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2",
	"batch/v1", "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
	"flowcontrol.apiserver.k8s.io/v1", "networking.k8s.io/v1", "node.k8s.io/v1", "policy/v1",
	"rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1",
}

type options struct {
	release     string
	chartDir    string
	namespace   string
	valueFiles  []string
	sets        []string
	setStrings  []string
	includeCRDs bool
	kubeVersion string
	apiVersions []string
	showOnly    []string
}

func parseArgs(args []string) (*options, error) {
	opts := &options{namespace: "default", kubeVersion: "v1.30.0"}
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, value, hasValue := strings.Cut(arg, "=")
		takesValue := map[string]bool{
			"-n": true, "--namespace": true, "-f": true, "--values": true, "--set": true, "--set-string": true,
			"--kube-version": true, "-a": true, "--api-versions": true, "-s": true, "--show-only": true,
		}
		if strings.HasPrefix(arg, "-") && takesValue[name] && !hasValue {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("flag %s needs a value", name)
			}
			i++
			value = args[i]
		}
		switch {
		case name == "-n" || name == "--namespace":
			opts.namespace = value
		case name == "-f" || name == "--values":
			opts.valueFiles = append(opts.valueFiles, value)
		case name == "--set":
			opts.sets = append(opts.sets, value)
		case name == "--set-string":
			opts.setStrings = append(opts.setStrings, value)
		case name == "--kube-version":
			opts.kubeVersion = value
		case name == "-a" || name == "--api-versions":
			opts.apiVersions = append(opts.apiVersions, value)
		case name == "-s" || name == "--show-only":
			opts.showOnly = append(opts.showOnly, value)
		case arg == "--include-crds":
			opts.includeCRDs = true
		case strings.HasPrefix(arg, "-"):
			return nil, fmt.Errorf("unknown flag %s", arg)
		default:
			positional = append(positional, arg)
		}
	}
	if len(positional) != 2 {
		return nil, fmt.Errorf("usage: chart-renderer RELEASE CHART_DIR [flags]")
	}
	opts.release, opts.chartDir = positional[0], positional[1]
	return opts, nil
}

func userValues(opts *options) (map[string]interface{}, error) {
	values := map[string]interface{}{}
	for _, file := range opts.valueFiles {
		fileValues, err := readYAMLMap(file)
		if err != nil {
			return nil, err
		}
		values = MergeMaps(values, fileValues)
	}
	for _, set := range opts.sets {
		if err := ApplySet(values, set, false); err != nil {
			return nil, err
		}
	}
	for _, set := range opts.setStrings {
		if err := ApplySet(values, set, true); err != nil {
			return nil, err
		}
	}
	return values, nil
}

func capabilities(opts *options) (*Capabilities, error) {
	version, err := semver.NewVersion(opts.kubeVersion)
	if err != nil {
		return nil, fmt.Errorf("--kube-version %q: %w", opts.kubeVersion, err)
	}
	canonical := fmt.Sprintf("v%d.%d.%d", version.Major(), version.Minor(), version.Patch())
	apiVersions := append(VersionSet{}, builtinAPIVersions...)
	apiVersions = append(apiVersions, opts.apiVersions...)
	return &Capabilities{
		KubeVersion: KubeVersion{
			Version:    canonical,
			Major:      fmt.Sprint(version.Major()),
			Minor:      fmt.Sprint(version.Minor()),
			GitVersion: canonical,
		},
		APIVersions: apiVersions,
		HelmVersion: map[string]string{"version": "v3-compatible", "go_version": "chart-renderer"},
	}, nil
}

func checkKubeVersion(chart *Chart, caps *Capabilities) error {
	if chart.Metadata.KubeVersion == "" {
		return nil
	}
	constraint, err := semver.NewConstraint(chart.Metadata.KubeVersion)
	if err != nil {
		return fmt.Errorf("Chart.yaml kubeVersion %q: %w", chart.Metadata.KubeVersion, err)
	}
	version, _ := semver.NewVersion(caps.KubeVersion.Version)
	if !constraint.Check(version) {
		return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s",
			chart.Metadata.KubeVersion, caps.KubeVersion.Version)
	}
	return nil
}

func isRenderable(name string) bool {
	base := path.Base(name)
	return !strings.HasPrefix(base, "_") && strings.HasPrefix(name, "templates/")
}

func run(opts *options) (string, error) {
	chart, err := LoadChart(opts.chartDir)
	if err != nil {
		return "", err
	}
	caps, err := capabilities(opts)
	if err != nil {
		return "", err
	}
	if err := checkKubeVersion(chart, caps); err != nil {
		return "", err
	}
	overrides, err := userValues(opts)
	if err != nil {
		return "", err
	}
	values := Coalesce(chart.Values, overrides)
	top := map[string]interface{}{
		"Values": values,
		"Chart":  chart.Metadata,
		"Release": map[string]interface{}{
			"Name": opts.release, "Namespace": opts.namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Capabilities": caps,
		"Files":        map[string]interface{}{},
	}
	engine, err := NewEngine(chart.Metadata.Name, chart.Templates)
	if err != nil {
		return "", err
	}
	var manifests []Manifest
	for _, file := range chart.Templates {
		if !isRenderable(file.Name) {
			continue
		}
		rendered, err := engine.Render(chart.Metadata.Name, file.Name, top)
		if err != nil {
			return "", err
		}
		if strings.HasSuffix(file.Name, "NOTES.txt") {
			continue // rendered to catch template errors; `helm template` does not print the notes
		}
		source := path.Join(chart.Metadata.Name, file.Name)
		split, err := SplitManifests(source, rendered)
		if err != nil {
			return "", err
		}
		manifests = append(manifests, split...)
	}
	SortManifests(manifests)
	if len(opts.showOnly) > 0 {
		wanted := map[string]bool{}
		for _, name := range opts.showOnly {
			wanted[path.Join(chart.Metadata.Name, name)] = true
		}
		var kept []Manifest
		for _, manifest := range manifests {
			if wanted[manifest.Source] {
				kept = append(kept, manifest)
			}
		}
		if len(kept) == 0 {
			return "", fmt.Errorf("could not find template %s in chart", strings.Join(opts.showOnly, ", "))
		}
		manifests = kept
	}
	var crds []Manifest
	if opts.includeCRDs {
		for _, file := range chart.CRDs {
			split, err := SplitManifests(path.Join(chart.Metadata.Name, file.Name), file.Data)
			if err != nil {
				return "", err
			}
			crds = append(crds, split...)
		}
	}
	return FormatManifests(append(crds, manifests...)), nil
}

func main() {
	opts, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(2)
	}
	output, err := run(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Print(output)
}
