package signcli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// guide is what the help of one provider's signer says besides its flags.
type guide struct {
	synopsis string // the words after "mockserver sign PROVIDER"
	summary  string
	example  string
}

var guides = map[string]guide{
	"nodeco": {"FUNCTION [flags] [name=value ...]",
		"Signs a NODE cloud call: checksum = sha1(sha1(sha1(user_id . api_key . random))) in a form body.",
		"mockserver sign nodeco get_server_detail server_id=12345"},
	"virtdedi": {"FUNCTION [flags] [name=value ...]",
		"Signs a call of the NODE API under its second brand, as for nodeco.",
		"mockserver sign virtdedi get_server_list page=1"},
	"hostdime": {"[flags] [name=value ...]",
		"Signs a HostDime API v1 call: api_hash = sha256 of the private key, method, timestamp, unique and JSON parameters.",
		"mockserver sign hostdime --method server.get cuid=S37"},
	"gempay": {"[flags] [name=value ...]",
		"Signs a Gempay Top Up V1 call: order hashes SHA256(api_key + ref_id + price), cek-status SHA256(api_key + trx_id).",
		"mockserver sign gempay --endpoint order user_id=123456 zone=1234 produk_id=1 ref_id=REF1"},
	"geniusplugin": {"[flags] [name=value ...]",
		"Signs a GeniusPlugin reseller call: hash = sha1(sha1(trim(key)) . domain . timestamp).",
		"mockserver sign geniusplugin --endpoint getcredit"},
	"zipay": {"[flags] [name=value ...]",
		"Signs a Zipay API call: api_sign = base64(HMAC-SHA256(secret, body)) over the PHP-encoded body.",
		"mockserver sign zipay --method balance currency=USDT"},
}

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
func writeUsage(w io.Writer, provider string, fs *flag.FlagSet) {
	g := guides[provider]
	fmt.Fprintf(w, "usage: mockserver sign %s %s\n\n%s\n\nflags:\n", provider, g.synopsis, g.summary)
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
	fmt.Fprintf(w, "\nexample:\n  %s\n", g.example)
}

// Help prints the overview of "mockserver sign": every provider (names, from
// the registry) with its synopsis and an example.
func Help(w io.Writer, names []string) {
	fmt.Fprintln(w, "usage: mockserver sign PROVIDER [flags] [name=value ...]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Prints a signed request as a curl command, the way the provider's docs sign it,")
	fmt.Fprintln(w, "with the fixture credentials unless flags give others.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "providers:")
	for _, p := range names {
		fmt.Fprintf(w, "  %-13s %s\n", p, guides[p].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "--url is the mock's base URL (default: MOCK_ADDR, else %s); the /PROVIDER prefix\n", DefaultBase)
	fmt.Fprintln(w, "is added. A provider's real origin (its https:// host) gets no prefix.")
	fmt.Fprintln(w, "\"mockserver sign PROVIDER --help\" lists the flags of one provider.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "examples:")
	for _, p := range names {
		fmt.Fprintf(w, "  %s\n", guides[p].example)
	}
}
