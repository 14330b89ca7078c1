package config

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// typeProblem explains a YAML type error the way an operator reads it: the
// dotted key, the value given and the type the key takes
// (`gempay.success_delay: "soon" is not a duration`). yaml.v3 itself names
// only the line and the Go type. It returns "" when it cannot place the error.
func typeProblem(data []byte, target any) string {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil || len(doc.Content) == 0 {
		return ""
	}
	return walkNode(doc.Content[0], reflect.TypeOf(target).Elem(), "")
}

// walkNode returns the first problem under node for a value of type t.
func walkNode(node *yaml.Node, t reflect.Type, path string) string {
	if node.Kind == yaml.AliasNode && node.Alias != nil {
		node = node.Alias
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem() // a provider section: the decode target points at it
	}
	switch {
	case t.Kind() == reflect.Struct && t != reflect.TypeOf(time.Time{}):
		if node.Kind != yaml.MappingNode {
			return describe(path, node, t)
		}
		for i := 0; i+1 < len(node.Content); i += 2 {
			f, ok := fieldByTag(t, node.Content[i].Value)
			if !ok {
				continue // unknown keys have their own error
			}
			if p := walkNode(node.Content[i+1], f.Type, join(path, node.Content[i].Value)); p != "" {
				return p
			}
		}
		return ""
	case t.Kind() == reflect.Slice && node.Kind == yaml.SequenceNode:
		for i, el := range node.Content {
			if p := walkNode(el, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
		return ""
	}
	if err := node.Decode(reflect.New(t).Interface()); err != nil {
		return describe(path, node, t)
	}
	return ""
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describe(path string, node *yaml.Node, t reflect.Type) string {
	got := "a mapping"
	switch node.Kind {
	case yaml.ScalarNode:
		got = fmt.Sprintf("%q", node.Value)
	case yaml.SequenceNode:
		got = "a list"
	}
	return fmt.Sprintf("%s: %s is not %s", path, got, expected(t))
}

// expected names a Go type in the config file's terms.
func expected(t reflect.Type) string {
	if t == reflect.TypeOf(time.Duration(0)) {
		return "a duration"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(expected(t.Elem()), "a "), "an ") + "s"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return "a " + t.String()
}
