package apidesc

import (
	"encoding/json"
	"reflect"
	"strings"
)

var rawMessage = reflect.TypeOf(json.RawMessage{})

// SchemaOf derives the schema of a provider's view type from its Go
// definition and json tags, so an answer's documented shape follows the
// struct the handler encodes. Fields without omitempty are required.
func SchemaOf(v any) Schema { return schemaOf(reflect.TypeOf(v)) }

func schemaOf(t reflect.Type) Schema {
	if t == nil {
		return Schema{}
	}
	if t == rawMessage {
		return Schema{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return Nullable(schemaOf(t.Elem()))
	case reflect.String:
		return Str()
	case reflect.Bool:
		return Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Int()
	case reflect.Float32, reflect.Float64:
		return NumberS()
	case reflect.Slice, reflect.Array:
		return Array(schemaOf(t.Elem()))
	case reflect.Map:
		return Map(schemaOf(t.Elem()))
	case reflect.Struct:
		props := Schema{}
		var req []any
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			// encoding/json promotes the fields of an embedded struct even
			// when its type is unexported.
			if !f.IsExported() && !(f.Anonymous && f.Type.Kind() == reflect.Struct) {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if f.Anonymous && f.Tag.Get("json") == "" {
				inner := schemaOf(f.Type)
				if p, ok := inner["properties"].(Schema); ok {
					for k, v := range p {
						props[k] = v
					}
				}
				if r, ok := inner["required"].([]any); ok {
					req = append(req, r...)
				}
				continue
			}
			s := schemaOf(f.Type)
			if strings.Contains(opts, "string") {
				s = Str()
			}
			props[name] = s
			if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
				req = append(req, name)
			}
		}
		s := Schema{"type": "object", "properties": props}
		if len(req) > 0 {
			s["required"] = req
		}
		return s
	default:
		return Schema{}
	}
}
