package config

import (
	"fmt"
	"reflect"
	"slices"
)

// Section is one provider's part of the config: a struct (pointed to) with
// yaml tags, living in its provider package with its defaults and its
// validation. Its YAML key is the name it is attached under, its
// provider's name. Its fields are plain data: Clone copies them.
type Section interface {
	// SetDefaults fills every key with its default.
	SetDefaults()
	// Validate names the first bad key, as "<name>.<key>: …".
	Validate() error
}

// Defaulted returns a new section of type *T with its defaults set: the
// constructor a provider's descriptor carries (config.Defaulted[Config]).
func Defaulted[T any, P interface {
	*T
	Section
}]() Section {
	s := P(new(T))
	s.SetDefaults()
	return s
}

// section is an attached section under its YAML key.
type section struct {
	name string
	s    Section
}

// Attach adds s under the top-level YAML key name. The provider registry
// attaches every provider's section (providers.DefaultConfig); config itself
// knows none of them. A nil section, a name attached twice or the name of a
// global key is a programming error, and panics.
func (c *Config) Attach(name string, s Section) {
	if v := reflect.ValueOf(s); name == "" || !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("config: section %q must be a non-nil pointer to a struct, not %T", name, s))
	}
	if _, global := fieldByTag(reflect.TypeFor[Config](), name); global || c.Section(name) != nil {
		panic(fmt.Sprintf("config: key %q is already taken", name))
	}
	// Never append in place: a copy of c made before this call must not see
	// (or overwrite) the new entry through a shared backing array.
	c.sections = append(slices.Clip(c.sections), section{name: name, s: s})
}

// Section returns the section attached under name, or nil.
func (c *Config) Section(name string) Section {
	for _, s := range c.sections {
		if s.name == name {
			return s.s
		}
	}
	return nil
}

// SectionNames lists the attached sections' keys, in the order attached.
func (c *Config) SectionNames() []string {
	out := make([]string, len(c.sections))
	for i, s := range c.sections {
		out[i] = s.name
	}
	return out
}

// SectionOf returns c's section of type T, as a provider reads its own
// (config.SectionOf[*gempay.Config](d.Config)). A missing section is a
// programming error, never a user's: every config the server runs with is
// built by providers.DefaultConfig, which attaches every descriptor's
// section, and the registry test checks each descriptor can find its own.
// So it panics, naming the type, rather than returning a zero section
// that would run with unvalidated values.
func SectionOf[T Section](c *Config) T {
	for _, s := range c.sections {
		if t, ok := s.s.(T); ok {
			return t
		}
	}
	var zero T
	panic(fmt.Sprintf("config: no %T section attached (build the config with providers.DefaultConfig)", zero))
}

// Clone returns a copy of c that shares no mutable state with it: its own
// sections (maps and slices inside them too) and its own lists. A Config
// copied by value shares its sections, which are pointers; the app clones
// the one it is given, so that nothing done to the caller's copy later
// reaches a running server.
func (c *Config) Clone() Config {
	out := *c
	out.TrustedProxies = slices.Clone(c.TrustedProxies)
	out.AdminHosts = slices.Clone(c.AdminHosts)
	out.sections = make([]section, len(c.sections))
	for i, s := range c.sections {
		out.sections[i] = section{name: s.name, s: deepCopy(reflect.ValueOf(s.s)).Interface().(Section)}
	}
	return out
}

// deepCopy copies v, following pointers, maps and slices, so that the copy
// shares nothing mutable with v. Unexported fields are copied as they are.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(deepCopy(v.Elem()))
		return p
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
		return out
	}
	return v
}

// yamlTarget is what a YAML file decodes into: a struct built at run time
// with Config's global fields and one field per attached section, tagged
// with its name and pointing at the live section. One strict decode of it
// checks unknown keys at every level, with the line of each, as one
// struct would.
type yamlTarget struct {
	v       reflect.Value // *struct{…}
	globals []int         // Config field index of each leading field of v
}

func (c *Config) decodeTarget() yamlTarget {
	ct := reflect.TypeFor[Config]()
	var fields []reflect.StructField
	var globals []int
	for i := range ct.NumField() {
		if f := ct.Field(i); f.IsExported() {
			fields = append(fields, reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag})
			globals = append(globals, i)
		}
	}
	for i, s := range c.sections {
		fields = append(fields, reflect.StructField{
			Name: fmt.Sprintf("Section%d", i), Type: reflect.TypeOf(s.s), Tag: reflect.StructTag(fmt.Sprintf("yaml:%q", s.name)),
		})
	}
	v := reflect.New(reflect.StructOf(fields))
	cv := reflect.ValueOf(c).Elem()
	for j, i := range globals {
		v.Elem().Field(j).Set(cv.Field(i))
	}
	for i, s := range c.sections {
		v.Elem().Field(len(globals) + i).Set(reflect.ValueOf(s.s))
	}
	return yamlTarget{v: v, globals: globals}
}

// store copies the decoded global fields back into c. The sections were
// decoded in place.
func (t yamlTarget) store(c *Config) {
	cv := reflect.ValueOf(c).Elem()
	for j, i := range t.globals {
		cv.Field(i).Set(t.v.Elem().Field(j))
	}
}
