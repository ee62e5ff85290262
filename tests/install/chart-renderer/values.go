// Values handling with Helm's rules: user values are merged over the chart's values.yaml (maps deeply, a null
// deletes the default), and --set / --set-string assignments use Helm's "strvals" syntax
// (a.b=c,d[0]=e,f={x,y}, backslash escapes; --set types true/false/null/integers, --set-string keeps strings).
package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Coalesce merges src over dst (both may be modified) and returns the result.
func Coalesce(dst, src map[string]interface{}) map[string]interface{} {
	if dst == nil {
		dst = map[string]interface{}{}
	}
	for key, value := range src {
		if value == nil {
			delete(dst, key)
			continue
		}
		srcMap, srcIsMap := value.(map[string]interface{})
		dstMap, dstIsMap := dst[key].(map[string]interface{})
		if srcIsMap && dstIsMap {
			dst[key] = Coalesce(dstMap, srcMap)
		} else {
			dst[key] = value
		}
	}
	return dst
}

// MergeMaps merges src over dst like Helm merges several --values files: maps deeply, everything else replaced,
// nulls kept (so that Coalesce later deletes the matching chart default).
func MergeMaps(dst, src map[string]interface{}) map[string]interface{} {
	if dst == nil {
		dst = map[string]interface{}{}
	}
	for key, value := range src {
		srcMap, srcIsMap := value.(map[string]interface{})
		dstMap, dstIsMap := dst[key].(map[string]interface{})
		if srcIsMap && dstIsMap {
			dst[key] = MergeMaps(dstMap, srcMap)
		} else {
			dst[key] = value
		}
	}
	return dst
}

// typedValue converts a --set value the way Helm does.
func typedValue(text string, asString bool) interface{} {
	if asString {
		return text
	}
	switch strings.ToLower(text) {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if text == "0" {
		return int64(0)
	}
	if len(text) > 0 && text[0] != '0' {
		if number, err := strconv.ParseInt(text, 10, 64); err == nil {
			return number
		}
	}
	return text
}

// splitUnescaped splits on sep outside braces, honouring backslash escapes (which stay in the parts).
func splitUnescaped(text string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case sep:
			if depth == 0 {
				parts = append(parts, text[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, text[start:])
}

func unescape(text string) string {
	var out strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) {
			i++
		}
		out.WriteByte(text[i])
	}
	return out.String()
}

// keySegment is one step of a --set key: a map key, optionally followed by list indexes.
type keySegment struct {
	name    string
	indexes []int
}

func parseKey(key string) ([]keySegment, error) {
	var segments []keySegment
	for _, part := range splitUnescaped(key, '.') {
		segment := keySegment{}
		name := part
		for strings.HasSuffix(name, "]") {
			open := strings.LastIndex(name, "[")
			if open < 0 {
				return nil, fmt.Errorf("malformed index in %q", key)
			}
			index, err := strconv.Atoi(name[open+1 : len(name)-1])
			if err != nil || index < 0 {
				return nil, fmt.Errorf("malformed index in %q", key)
			}
			segment.indexes = append([]int{index}, segment.indexes...)
			name = name[:open]
		}
		segment.name = unescape(name)
		if segment.name == "" {
			return nil, fmt.Errorf("empty key segment in %q", key)
		}
		segments = append(segments, segment)
	}
	return segments, nil
}

func growList(list []interface{}, index int) []interface{} {
	for len(list) <= index {
		list = append(list, nil)
	}
	return list
}

// setIn stores value at the path of steps below container (a map or list), creating intermediate maps and lists.
func setIn(container interface{}, steps []interface{}, value interface{}) interface{} {
	if len(steps) == 0 {
		return value
	}
	switch step := steps[0].(type) {
	case string:
		m, ok := container.(map[string]interface{})
		if !ok {
			m = map[string]interface{}{}
		}
		m[step] = setIn(m[step], steps[1:], value)
		return m
	case int:
		l, ok := container.([]interface{})
		if !ok {
			l = nil
		}
		l = growList(l, step)
		l[step] = setIn(l[step], steps[1:], value)
		return l
	}
	return container
}

// ApplySet applies one --set or --set-string argument ("a.b=c,d=e") to values.
func ApplySet(values map[string]interface{}, argument string, asString bool) error {
	for _, assignment := range splitUnescaped(argument, ',') {
		if assignment == "" {
			continue
		}
		parts := splitUnescaped(assignment, '=')
		if len(parts) < 2 {
			return fmt.Errorf("--set %q: expected key=value", assignment)
		}
		key, raw := parts[0], strings.Join(parts[1:], "=")
		segments, err := parseKey(key)
		if err != nil {
			return err
		}
		var value interface{}
		if strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") {
			items := []interface{}{}
			inner := raw[1 : len(raw)-1]
			if inner != "" {
				for _, item := range splitUnescaped(inner, ',') {
					items = append(items, typedValue(unescape(item), asString))
				}
			}
			value = items
		} else {
			value = typedValue(unescape(raw), asString)
		}
		var steps []interface{}
		for _, segment := range segments {
			steps = append(steps, segment.name)
			for _, index := range segment.indexes {
				steps = append(steps, index)
			}
		}
		setIn(values, steps, value)
	}
	return nil
}
