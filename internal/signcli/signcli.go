// Package signcli implements "mockserver sign PROVIDER": it signs a request the
// way the provider's docs say and prints it as a ready curl command, so anyone
// can try an API by hand (and so the docs' worked examples are reproducible).
package signcli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Signer is one provider's sign command and its help. The provider registry
// (internal/providers) names each provider's signer in its descriptor and
// dispatches "mockserver sign PROVIDER" to it; the help lives beside the
// signer it describes, so no list here names the providers.
type Signer struct {
	// Run signs; args are the words after the provider name.
	Run func(env Env, args []string) error
	// Synopsis is the words after "mockserver sign PROVIDER" in the usage line.
	Synopsis string
	// Summary says in one line what is signed and how.
	Summary string
	// Example is a whole command line that works against the fixtures.
	Example string
}

// Command is a signer under the name it is called by.
type Command struct {
	Name string
	Signer
}

// Env is what a signer works with.
type Env struct {
	Out      io.Writer
	Fixtures fs.FS
	// Now is the Unix time used when no --timestamp/--time flag is given.
	Now int64
	// Name is the provider's name (its path prefix on the mock) and Host its
	// real host name, both from the registry.
	Name, Host string
	// Base is the mock's base URL when --url is not given ("" is DefaultBase).
	Base string
}

// Exec runs a signer as "mockserver sign" does: with -h or --help among
// args it prints the signer's usage to env.Out and returns an error for
// which IsHelp is true.
func Exec(s Signer, env Env, args []string) error {
	err := s.Run(env, args)
	var h helpError
	if errors.As(err, &h) {
		writeUsage(env.Out, Command{env.Name, s}, h.fs)
	}
	return err
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("mockserver sign "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags and returns the name=value pairs that follow, in order.
func parse(fs *flag.FlagSet, args []string) ([][2]string, error) {
	// Allow flags and name=value words in any order.
	var flagArgs, pairsArgs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flagArgs = append(flagArgs, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") {
				if f := fs.Lookup(name); f != nil {
					if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
						if i+1 < len(args) {
							i++
							flagArgs = append(flagArgs, args[i])
						}
					}
				}
			}
			continue
		}
		pairsArgs = append(pairsArgs, a)
	}
	if err := fs.Parse(flagArgs); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, helpError{fs}
		}
		return nil, fmt.Errorf("%s: %w", fs.Name(), err)
	}
	var pairs [][2]string
	for _, a := range pairsArgs {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%s: %q is not name=value", fs.Name(), a)
		}
		pairs = append(pairs, [2]string{k, v})
	}
	return pairs, nil
}

// loadFixture decodes fixtures/<provider>.yaml into v.
func loadFixture(env Env, provider string, v any) error {
	raw, err := fs.ReadFile(env.Fixtures, provider+".yaml")
	if err != nil {
		return fmt.Errorf("sign: fixtures for %s: %w", provider, err)
	}
	if err := yaml.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("sign: fixtures for %s: %w", provider, err)
	}
	return nil
}

// ShellQuote quotes s for a POSIX shell.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Curl renders a curl command: method, url, headers (in order) and a raw body.
func Curl(method, url string, headers [][2]string, body string) string {
	var b strings.Builder
	b.WriteString("curl -sS")
	if method != "" && method != "GET" {
		b.WriteString(" -X " + method)
	}
	for _, h := range headers {
		b.WriteString(" -H " + ShellQuote(h[0]+": "+h[1]))
	}
	if body != "" {
		b.WriteString(" --data-raw " + ShellQuote(body))
	}
	b.WriteString(" " + ShellQuote(url))
	return b.String()
}
