// Unit tests of the chart renderer's Helm semantics: value merging, --set parsing, the template functions and
// the output ordering. Run with `go test` (GOPATH mode, see tests/install/CMakeLists.txt).
package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestCoalesceMergesMapsAndNullDeletes(t *testing.T) {
	defaults := map[string]interface{}{
		"image":   map[string]interface{}{"repository": "peregrine/operator", "tag": ""},
		"keep":    "yes",
		"dropped": "default",
	}
	user := map[string]interface{}{
		"image":   map[string]interface{}{"tag": "1.2.3"},
		"dropped": nil,
	}
	got := Coalesce(defaults, user)
	want := map[string]interface{}{
		"image": map[string]interface{}{"repository": "peregrine/operator", "tag": "1.2.3"},
		"keep":  "yes",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Coalesce = %#v, want %#v", got, want)
	}
}

func TestApplySetTypesPathsListsAndEscapes(t *testing.T) {
	values := map[string]interface{}{}
	for _, set := range []string{
		"replicaCount=3,enabled=true,nothing=null,zero=0,octal=0755",
		"watchNamespaces={team-a,team-b}",
		"list[1].name=second",
		`annotations.prometheus\.io/scrape=yes`,
		`text=a\,b`,
	} {
		if err := ApplySet(values, set, false); err != nil {
			t.Fatalf("ApplySet(%q): %v", set, err)
		}
	}
	if err := ApplySet(values, "tag=007", true); err != nil {
		t.Fatal(err)
	}
	want := map[string]interface{}{
		"replicaCount":    int64(3),
		"enabled":         true,
		"nothing":         nil,
		"zero":            int64(0),
		"octal":           "0755",
		"watchNamespaces": []interface{}{"team-a", "team-b"},
		"list":            []interface{}{nil, map[string]interface{}{"name": "second"}},
		"annotations":     map[string]interface{}{"prometheus.io/scrape": "yes"},
		"text":            "a,b",
		"tag":             "007",
	}
	if !reflect.DeepEqual(values, want) {
		t.Fatalf("values = %#v\nwant     %#v", values, want)
	}
	if err := ApplySet(values, "novalue", false); err == nil {
		t.Fatal("an assignment without = must fail")
	}
}

func render(t *testing.T, files []ChartFile, values map[string]interface{}) (string, error) {
	t.Helper()
	engine, err := NewEngine("demo", files)
	if err != nil {
		t.Fatal(err)
	}
	return engine.Render("demo", "templates/main.yaml", map[string]interface{}{
		"Values":  values,
		"Release": map[string]interface{}{"Name": "rel", "Namespace": "ns"},
	})
}

func TestEngineHelmFunctions(t *testing.T) {
	files := []ChartFile{
		{Name: "templates/_helpers.tpl", Data: `{{- define "demo.name" -}}{{ .Release.Name }}-demo{{- end -}}`},
		{Name: "templates/main.yaml", Data: strings.Join([]string{
			`name: {{ include "demo.name" . }}`,
			`labels:{{ toYaml .Values.labels | nindent 2 }}`,
			`templated: {{ tpl .Values.text . }}`,
			`missing: "{{ .Values.absent }}"`,
			`required: {{ required "need x" .Values.x }}`,
			`json: {{ toJson .Values.labels }}`,
			`lookup: {{ lookup "v1" "Secret" "ns" "s" | len }}`,
		}, "\n")},
	}
	out, err := render(t, files, map[string]interface{}{
		"labels": map[string]interface{}{"b": "2", "a": "1"},
		"text":   "{{ .Release.Namespace }}",
		"x":      "set",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "name: rel-demo\nlabels:\n  a: \"1\"\n  b: \"2\"\ntemplated: ns\nmissing: \"\"\nrequired: set\njson: {\"a\":\"1\",\"b\":\"2\"}\nlookup: 0"
	if out != want {
		t.Fatalf("rendered:\n%s\nwant:\n%s", out, want)
	}
	if _, err := render(t, files, map[string]interface{}{"labels": map[string]interface{}{}, "text": ""}); err == nil ||
		!strings.Contains(err.Error(), "need x") {
		t.Fatalf("required must fail with its message, got %v", err)
	}
}

func TestEngineHasNoEnvironmentAccess(t *testing.T) {
	_, err := NewEngine("demo", []ChartFile{{Name: "templates/main.yaml", Data: `{{ env "HOME" }}`}})
	if err == nil || !strings.Contains(err.Error(), `function "env" not defined`) {
		t.Fatalf("env must not be available (Helm removes it), got %v", err)
	}
}

func TestManifestsSplitSortAndFormat(t *testing.T) {
	split, err := SplitManifests("demo/templates/a.yaml", "# only a comment\n---\nkind: Deployment\nmetadata: {name: d}\n---\n\n---\nkind: ServiceAccount\nmetadata: {name: s}\n")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := SplitManifests("demo/templates/b.yaml", "kind: Namespace\nmetadata: {name: n}\n")
	all := append(split, more...)
	SortManifests(all)
	var kinds []string
	for _, manifest := range all {
		kinds = append(kinds, manifest.Kind)
	}
	if want := []string{"Namespace", "ServiceAccount", "Deployment"}; !reflect.DeepEqual(kinds, want) {
		t.Fatalf("order = %v, want %v", kinds, want)
	}
	formatted := FormatManifests(all[:1])
	if formatted != "---\n# Source: demo/templates/b.yaml\nkind: Namespace\nmetadata: {name: n}\n" {
		t.Fatalf("formatted = %q", formatted)
	}
	if _, err := SplitManifests("demo/templates/c.yaml", "kind: [unclosed\n"); err == nil {
		t.Fatal("invalid YAML must be reported")
	}
}

func TestParseArgsLikeHelmTemplate(t *testing.T) {
	opts, err := parseArgs([]string{"rel", "chart", "-n", "ns", "--set=a=1", "-f", "v.yaml", "--include-crds", "--kube-version", "1.29.0"})
	if err != nil {
		t.Fatal(err)
	}
	if opts.release != "rel" || opts.chartDir != "chart" || opts.namespace != "ns" || !opts.includeCRDs ||
		!reflect.DeepEqual(opts.sets, []string{"a=1"}) || !reflect.DeepEqual(opts.valueFiles, []string{"v.yaml"}) ||
		opts.kubeVersion != "1.29.0" {
		t.Fatalf("parsed %+v", opts)
	}
	if _, err := parseArgs([]string{"only-release"}); err == nil {
		t.Fatal("a missing chart directory must fail")
	}
}
