package config

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// acme is a section as a provider package writes one.
type acme struct {
	Delay time.Duration     `yaml:"delay"`
	Limit int               `yaml:"limit"`
	Mode  string            `yaml:"mode"`
	Tags  map[string]string `yaml:"tags"`
	Hosts []string          `yaml:"hosts"`
}

func (a *acme) SetDefaults() {
	*a = acme{Delay: time.Second, Limit: 5, Mode: "on", Tags: map[string]string{}}
}

func (a *acme) Validate() error {
	if a.Mode == "off" {
		return errors.New(`acme.mode: "off" is not allowed`)
	}
	return AtLeast("acme.limit", a.Limit, 1)
}

// other is a second section, to check lookups by type.
type other struct {
	On bool `yaml:"on"`
}

func (o *other) SetDefaults()    { *o = other{} }
func (o *other) Validate() error { return nil }

func withAcme() Config {
	c := Default()
	c.Attach("acme", Defaulted[acme]())
	c.Attach("other", Defaulted[other]())
	return c
}

func TestSectionRoundTripsYAMLStrictly(t *testing.T) {
	c := withAcme()
	assert.Equal(t, []string{"acme", "other"}, c.SectionNames())
	a := SectionOf[*acme](&c)
	assert.Same(t, a, c.Section("acme"))
	assert.Equal(t, &acme{Delay: time.Second, Limit: 5, Mode: "on", Tags: map[string]string{}}, a, "Defaulted set the defaults")
	require.NoError(t, c.Validate())

	text := "debug: true\nacme:\n  delay: 2m\n  limit: 7\n  tags: {a: b}\n  hosts: [x, y]\nother:\n  on: true\nbody_limit: 4096\n"
	require.NoError(t, c.LoadYAML([]byte(text)))
	assert.Same(t, a, SectionOf[*acme](&c), "decoded in place")
	assert.Equal(t, &acme{Delay: 2 * time.Minute, Limit: 7, Mode: "on", Tags: map[string]string{"a": "b"}, Hosts: []string{"x", "y"}}, a)
	assert.True(t, SectionOf[*other](&c).On)
	assert.True(t, c.Debug, "global keys around the sections still load")
	assert.Equal(t, int64(4096), c.BodyLimit)

	// What the section marshals to loads back to the same section.
	out, err := yaml.Marshal(map[string]any{"acme": a})
	require.NoError(t, err)
	back := withAcme()
	require.NoError(t, back.LoadYAML(out), string(out))
	assert.Equal(t, a, SectionOf[*acme](&back))

	// A null section keeps its values, as a struct field did.
	require.NoError(t, c.LoadYAML([]byte("acme:\n")))
	assert.Equal(t, 7, a.Limit)

	c.Section("acme").(*acme).Mode = "off"
	assert.EqualError(t, c.Validate(), `config: acme.mode: "off" is not allowed`, "Validate visits every section")
}

func TestSectionUnknownAndMistypedKeys(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"acme:\n  limit: 2\n  dealy: 2s\n", "config: line 3: field dealy not found in type config.acme"},
		{"nope: 1\nacme:\n  limit: 2\n", "config: line 1: field nope not found in type config.Config"},
		{"acme:\n  delay: soon\n", `config: acme.delay: "soon" is not a duration`},
		{"acme:\n  limit: [1]\n", `config: acme.limit: a list is not an integer`},
		{"acme:\n  hosts: [[1]]\n", `config: acme.hosts[0]: a list is not a string`},
		{"acme: 5\n", `config: acme: "5" is not a mapping`},
		{"other:\n  on: maybe\n", `config: other.on: "maybe" is not a boolean`},
	} {
		c := withAcme()
		err := c.LoadYAML([]byte(tc.yaml))
		require.Error(t, err, tc.yaml)
		assert.Equal(t, tc.want, err.Error(), tc.yaml)
	}
}

func TestAttachRefusesProgrammingErrors(t *testing.T) {
	c := withAcme()
	assert.PanicsWithValue(t, `config: key "acme" is already taken`, func() { c.Attach("acme", Defaulted[acme]()) })
	assert.PanicsWithValue(t, `config: key "tls" is already taken`, func() { c.Attach("tls", Defaulted[acme]()) })
	assert.PanicsWithValue(t, `config: section "x" must be a non-nil pointer to a struct, not <nil>`, func() { c.Attach("x", nil) })
	assert.PanicsWithValue(t, `config: section "x" must be a non-nil pointer to a struct, not *config.acme`, func() { c.Attach("x", (*acme)(nil)) })
	bare := Default()
	assert.PanicsWithValue(t, `config: no *config.acme section attached (build the config with providers.DefaultConfig)`, func() { SectionOf[*acme](&bare) })
	assert.Nil(t, bare.Section("acme"))
}

func TestCloneSharesNoSectionState(t *testing.T) {
	c := withAcme()
	a := SectionOf[*acme](&c)
	a.Tags["k"] = "v"
	a.Hosts = []string{"h"}
	c.AdminHosts = []string{"a.lan"}

	// A plain copy shares the sections: that is why the app clones.
	shared := c
	assert.Same(t, a, SectionOf[*acme](&shared))

	cl := c.Clone()
	ca := SectionOf[*acme](&cl)
	require.NotSame(t, a, ca)
	assert.Equal(t, a, ca)
	ca.Limit = 99
	ca.Tags["k"] = "changed"
	ca.Hosts[0] = "changed"
	cl.AdminHosts[0] = "changed"
	assert.Equal(t, &acme{Delay: time.Second, Limit: 5, Mode: "on", Tags: map[string]string{"k": "v"}, Hosts: []string{"h"}}, a)
	assert.Equal(t, []string{"a.lan"}, c.AdminHosts)

	// Attaching to a copy never reaches the original's list, even when
	// the list has room to grow in place (three entries: capacity four).
	base := Default()
	for _, name := range []string{"o1", "o2", "o3"} {
		base.Attach(name, Defaulted[other]())
	}
	one, two := base, base
	one.Attach("x", Defaulted[other]())
	two.Attach("y", Defaulted[other]())
	assert.Equal(t, []string{"o1", "o2", "o3"}, base.SectionNames())
	assert.Equal(t, []string{"o1", "o2", "o3", "x"}, one.SectionNames())
	assert.Equal(t, []string{"o1", "o2", "o3", "y"}, two.SectionNames())
}
