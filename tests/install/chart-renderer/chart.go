// Loading a chart directory: Chart.yaml metadata, values.yaml, the template files and the CRD files, read the
// way Helm reads an unpacked chart (templates/ recursively, crds/ for *.yaml, *.yml and *.json).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// ChartMetadata mirrors the fields of Helm's chart.Metadata that templates read as .Chart.<Field>.
type ChartMetadata struct {
	APIVersion   string            `json:"apiVersion"`
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	AppVersion   string            `json:"appVersion,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Description  string            `json:"description,omitempty"`
	Type         string            `json:"type,omitempty"`
	Home         string            `json:"home,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Maintainers  []Maintainer      `json:"maintainers,omitempty"`
	Dependencies []interface{}     `json:"dependencies,omitempty"`
}

// Maintainer is one entry of Chart.yaml's maintainers list.
type Maintainer struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
}

// ChartFile is a file of the chart, named by its path relative to the chart directory ("templates/x.yaml").
type ChartFile struct {
	Name string
	Data string
}

// Chart is an unpacked chart ready to render.
type Chart struct {
	Metadata  ChartMetadata
	Values    map[string]interface{}
	Templates []ChartFile
	CRDs      []ChartFile
}

func readYAMLMap(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return values, nil
}

func collectFiles(root, sub string, keep func(string) bool) ([]ChartFile, error) {
	var files []ChartFile
	base := filepath.Join(root, sub)
	if _, err := os.Stat(base); os.IsNotExist(err) {
		return nil, nil
	}
	err := filepath.Walk(base, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !keep(path) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files = append(files, ChartFile{Name: filepath.ToSlash(rel), Data: string(data)})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, err
}

// LoadChart reads the chart unpacked in dir.
func LoadChart(dir string) (*Chart, error) {
	chart := &Chart{}
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	if err := yaml.UnmarshalStrict(data, &chart.Metadata); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	if chart.Metadata.APIVersion != "v2" {
		return nil, fmt.Errorf("Chart.yaml: apiVersion must be v2, got %q", chart.Metadata.APIVersion)
	}
	if chart.Metadata.Name == "" || chart.Metadata.Version == "" {
		return nil, fmt.Errorf("Chart.yaml: name and version are required")
	}
	chart.Values = map[string]interface{}{}
	if _, err := os.Stat(filepath.Join(dir, "values.yaml")); err == nil {
		if chart.Values, err = readYAMLMap(filepath.Join(dir, "values.yaml")); err != nil {
			return nil, err
		}
	}
	if chart.Templates, err = collectFiles(dir, "templates", func(string) bool { return true }); err != nil {
		return nil, err
	}
	isManifest := func(path string) bool {
		return strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".json")
	}
	if chart.CRDs, err = collectFiles(dir, "crds", isManifest); err != nil {
		return nil, err
	}
	return chart, nil
}
