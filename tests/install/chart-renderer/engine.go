// The template engine, with Helm's semantics: every chart file is parsed into one template set (so `define`s in
// _helpers.tpl are visible everywhere), files whose name starts with "_" are only parsed, missing keys render as
// empty, and the function map is sprig's text functions minus env/expandenv plus Helm's own (include, tpl,
// required, toYaml, fromYaml, toJson, fromJson, lookup).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

// Helm aborts an include/tpl chain deeper than this (a template including itself).
const maxIncludeDepth = 1000

// Capabilities is what templates see as .Capabilities.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion map[string]string
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

// String prints the version like Helm ("v1.30.0").
func (v KubeVersion) String() string { return v.Version }

// VersionSet is .Capabilities.APIVersions: "group/version" and "group/version/Kind" entries.
type VersionSet []string

// Has reports whether the cluster serves apiVersion (or apiVersion/Kind).
func (set VersionSet) Has(apiVersion string) bool {
	for _, entry := range set {
		if entry == apiVersion {
			return true
		}
	}
	return false
}

func toYAML(value interface{}) (string, error) {
	data, err := yaml.Marshal(value)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(data), "\n"), nil
}

// Helm's toYaml/fromYaml/... swallow errors (returning "" or an "Error" key); the must* variants fail.
func helmDataFuncs() template.FuncMap {
	return template.FuncMap{
		"toYaml": func(value interface{}) string {
			text, err := toYAML(value)
			if err != nil {
				return ""
			}
			return text
		},
		"mustToYaml": toYAML,
		"fromYaml": func(text string) map[string]interface{} {
			out := map[string]interface{}{}
			if err := yaml.Unmarshal([]byte(text), &out); err != nil {
				out["Error"] = err.Error()
			}
			return out
		},
		"fromYamlArray": func(text string) []interface{} {
			out := []interface{}{}
			if err := yaml.Unmarshal([]byte(text), &out); err != nil {
				out = []interface{}{err.Error()}
			}
			return out
		},
		"toJson": func(value interface{}) string {
			data, err := json.Marshal(value)
			if err != nil {
				return ""
			}
			return string(data)
		},
		"fromJson": func(text string) map[string]interface{} {
			out := map[string]interface{}{}
			if err := json.Unmarshal([]byte(text), &out); err != nil {
				out["Error"] = err.Error()
			}
			return out
		},
		"fromJsonArray": func(text string) []interface{} {
			out := []interface{}{}
			if err := json.Unmarshal([]byte(text), &out); err != nil {
				out = []interface{}{err.Error()}
			}
			return out
		},
		"required": func(message string, value interface{}) (interface{}, error) {
			if value == nil {
				return value, errors.New(message)
			}
			if text, ok := value.(string); ok && text == "" {
				return value, errors.New(message)
			}
			return value, nil
		},
		// `helm template` has no cluster to ask: lookup finds nothing, as in Helm's dry runs.
		"lookup": func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
	}
}

// Engine renders one chart's templates.
type Engine struct {
	set   *template.Template
	depth int
}

// NewEngine parses every template file of the chart into one set.
func NewEngine(chartName string, files []ChartFile) (*Engine, error) {
	engine := &Engine{}
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	for name, function := range helmDataFuncs() {
		funcs[name] = function
	}
	funcs["include"] = engine.include
	funcs["tpl"] = engine.tpl
	engine.set = template.New("gotpl").Option("missingkey=zero").Funcs(funcs)
	for _, file := range files {
		name := path.Join(chartName, file.Name)
		if _, err := engine.set.New(name).Parse(file.Data); err != nil {
			return nil, fmt.Errorf("parse error in %s: %w", name, err)
		}
	}
	return engine, nil
}

func (e *Engine) include(name string, data interface{}) (string, error) {
	if e.depth > maxIncludeDepth {
		return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
	}
	e.depth++
	defer func() { e.depth-- }()
	var out bytes.Buffer
	if err := e.set.ExecuteTemplate(&out, name, data); err != nil {
		return "", err
	}
	return out.String(), nil
}

func (e *Engine) tpl(text string, data interface{}) (string, error) {
	if e.depth > maxIncludeDepth {
		return "", errors.New("tpl: nesting too deep")
	}
	e.depth++
	defer func() { e.depth-- }()
	clone, err := e.set.Clone()
	if err != nil {
		return "", err
	}
	parsed, err := clone.New("tpl").Parse(text)
	if err != nil {
		return "", fmt.Errorf("tpl: %w", err)
	}
	var out bytes.Buffer
	if err := parsed.Execute(&out, data); err != nil {
		return "", err
	}
	return strings.ReplaceAll(out.String(), "<no value>", ""), nil
}

// Render executes the template `name` (a chart-relative file name) with the top-level data.
func (e *Engine) Render(chartName, name string, top map[string]interface{}) (string, error) {
	fullName := path.Join(chartName, name)
	scoped := map[string]interface{}{}
	for key, value := range top {
		scoped[key] = value
	}
	scoped["Template"] = map[string]interface{}{
		"Name":     fullName,
		"BasePath": path.Join(chartName, "templates"),
	}
	var out bytes.Buffer
	if err := e.set.ExecuteTemplate(&out, fullName, scoped); err != nil {
		return "", err
	}
	return strings.ReplaceAll(out.String(), "<no value>", ""), nil
}
