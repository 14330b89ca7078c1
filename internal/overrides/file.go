package overrides

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/internal/store"
)

// LoadFile replaces the overrides a previous start loaded from a file with
// the list in path (YAML or JSON: a list of the objects POST
// /__admin/overrides takes). Overrides created through the API stay. An
// invalid entry loads nothing and is named in a one-line error:
// `overrides_file: x.yaml: entry 2: response.status: …`.
func (g *Registry) LoadFile(ctx context.Context, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("overrides_file: %w", err)
	}
	items, err := fileEntries(path, data)
	if err != nil {
		return fmt.Errorf("overrides_file: %s: %w", path, err)
	}
	var entries []*entry
	for i, raw := range items {
		o, c, err := g.parse(raw)
		if err != nil {
			return fmt.Errorf("overrides_file: %s: entry %d: %w", path, i, err)
		}
		entries = append(entries, &entry{o, c})
	}
	rows := make([]store.OverrideRow, len(entries))
	for i, e := range entries {
		if rows[i], err = g.row(e.o); err != nil {
			return err
		}
	}
	g.edit.Lock()
	defer g.edit.Unlock()
	ids, err := g.st.ReplaceFileOverrides(ctx, rows)
	if err != nil {
		return err
	}
	for i, e := range entries {
		e.o.ID, e.o.Source, e.o.CreatedAt = ids[i], SourceFile, rows[i].CreatedAt
	}
	g.drop(func(o Override) bool { return o.Source == SourceFile })
	g.insert(entries...)
	g.logger.Info("overrides loaded", "file", path, "count", len(entries))
	return nil
}

// fileEntries splits the file into one JSON document per entry. YAML goes
// through its node tree so that the keys of a json response keep their order.
func fileEntries(path string, data []byte) ([][]byte, error) {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, fmt.Errorf("not a JSON list of overrides: %w", err)
		}
		out := make([][]byte, len(items))
		for i, it := range items {
			out[i] = it
		}
		return out, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not YAML: %s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if doc.Kind == 0 {
		return nil, nil // an empty file: no overrides
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, errors.New("must be a list of overrides")
	}
	out := make([][]byte, len(list.Content))
	for i, n := range list.Content {
		var b bytes.Buffer
		if err := yamlJSON(&b, n); err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		out[i] = b.Bytes()
	}
	return out, nil
}

// yamlJSON writes a YAML node as JSON, mapping keys in order.
func yamlJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.AliasNode:
		return yamlJSON(b, n.Alias)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(n.Content[i].Value)
			b.Write(key)
			b.WriteByte(':')
			if err := yamlJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := yamlJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			b.WriteString("null")
		case "!!bool":
			v, err := strconv.ParseBool(n.Value)
			if err != nil {
				return fmt.Errorf("line %d: %q is not a boolean", n.Line, n.Value)
			}
			b.WriteString(strconv.FormatBool(v))
		case "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err != nil {
				return fmt.Errorf("line %d: %w", n.Line, err)
			}
			num, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("line %d: %q is not a JSON number", n.Line, n.Value)
			}
			b.Write(num)
		default:
			s, _ := json.Marshal(n.Value)
			b.Write(s)
		}
	default:
		return fmt.Errorf("line %d: unsupported YAML node", n.Line)
	}
	return nil
}
