package signcli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// urlHelp describes --url the same way for every provider.
func urlHelp(env Env) string {
	return fmt.Sprintf("the mock's base URL (the /%s prefix is added) or the real origin https://%s (default: MOCK_ADDR, else %s)",
		env.Name, env.Host, DefaultBase)
}

// helpError is returned by parse when -h or --help was given: the caller
// prints the usage of fs and succeeds.
type helpError struct{ fs *flag.FlagSet }

func (e helpError) Error() string { return flag.ErrHelp.Error() }
func (e helpError) Unwrap() error { return flag.ErrHelp }

// IsHelp tells whether err asked for help rather than failed.
func IsHelp(err error) bool { return errors.Is(err, flag.ErrHelp) }

// writeUsage prints the help of one provider's signer.
func writeUsage(w io.Writer, c Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: mockserver sign %s %s\n\n%s\n\nflags:\n", c.Name, c.Synopsis, c.Summary)
	fs.VisitAll(func(f *flag.Flag) {
		arg := " VALUE"
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			arg = ""
		}
		line := "  --" + f.Name + arg
		fmt.Fprintf(w, "%-22s %s", line, f.Usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
	fmt.Fprintf(w, "\nname=value words are the request's parameters, sent in the order given.\n")
	fmt.Fprintf(w, "Environment: MOCK_ADDR (the mock's listen address) is the default --url.\n")
	fmt.Fprintf(w, "\nexample:\n  %s\n", c.Example)
}

// Help prints the overview of "mockserver sign": every provider's signer
// (from the registry) with its summary and an example.
func Help(w io.Writer, cmds []Command) {
	fmt.Fprintln(w, "usage: mockserver sign PROVIDER [flags] [name=value ...]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Prints a signed request as a curl command, the way the provider's docs sign it,")
	fmt.Fprintln(w, "with the fixture credentials unless flags give others.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "providers:")
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-13s %s\n", c.Name, c.Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "--url is the mock's base URL (default: MOCK_ADDR, else %s); the /PROVIDER prefix\n", DefaultBase)
	fmt.Fprintln(w, "is added. A provider's real origin (its https:// host) gets no prefix.")
	fmt.Fprintln(w, "\"mockserver sign PROVIDER --help\" lists the flags of one provider.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "examples:")
	for _, c := range cmds {
		fmt.Fprintf(w, "  %s\n", c.Example)
	}
}
