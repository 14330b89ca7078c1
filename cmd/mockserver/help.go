package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// commands are the subcommands in the order help lists them.
var commands = [][2]string{
	{"[serve] [flags]", "run the server (the default command)"},
	{"healthcheck [--url] [URL]", "probe a running server: one line, exit 0 healthy, 1 not"},
	{"sign PROVIDER [flags] [name=value ...]", "print a signed request as a curl command (sign --help)"},
	{"openapi PROVIDER", "print the OpenAPI description of one provider's emulated API"},
	{"postman", "print a Postman collection of every provider's requests"},
	{"version", "print the version"},
	{"help", "print this help (also --help, -h)"},
}

// envVars are every MOCK_* setting. Flags win over the environment, the
// environment over the --config file. Some exist only here and in the file.
var envVars = [][2]string{
	{"MOCK_ADDR", "listen address, default 127.0.0.1:8080 (also the default target of healthcheck and sign)"},
	{"MOCK_DB", "SQLite file or :memory:, default mocksuite.db"},
	{"MOCK_CONFIG", "YAML config file (the README lists its keys)"},
	{"MOCK_DEBUG", "true adds X-Mock-Explain headers to refused requests"},
	{"MOCK_SEED", "non-zero makes generated ids, tokens and random results deterministic"},
	{"MOCK_FIXTURES_DIR", "directory of *.yaml fixtures replacing the embedded ones (no flag)"},
	{"MOCK_RATE_LIMITS", "false switches every provider rate limiter off (no flag)"},
	{"MOCK_OVERRIDES_FILE", "YAML file of response overrides armed at start (no flag; docs/control-plane.md)"},
	{"MOCK_ADMIN_TOKEN", "bearer token every /__admin route but health requires (docs/SECURITY.md)"},
	{"MOCK_ADMIN_HOSTS", "comma-separated extra host names the control plane answers (no flag)"},
	{"MOCK_TLS", "true also serves HTTPS under the providers' real host names"},
	{"MOCK_TLS_ADDR", "HTTPS listen address, default 127.0.0.1:8443"},
	{"MOCK_TLS_CERT", "your own server certificate, PEM"},
	{"MOCK_TLS_KEY", "the key of MOCK_TLS_CERT, PEM"},
	{"MOCK_TLS_CA_DIR", "where the local CA is kept, default beside the DB (no flag)"},
	{"MOCK_TLS_CA_OUT", "also write the local CA certificate here, for clients to trust"},
}

// writeHelp prints the one usage text: every subcommand, flag, environment
// variable and an example.
func writeHelp(w io.Writer) {
	var b strings.Builder
	// The providers come from the registry, so a new one is listed here too.
	var prefixes []string
	for _, s := range providers.Sites() {
		prefixes = append(prefixes, "/"+s.Name)
	}
	fmt.Fprintf(&b, "mockserver %s emulates third-party HTTP APIs on one port, with a control plane\n", app.Version)
	fmt.Fprintf(&b, "and dashboard under /__admin.\nproviders: %s\n\n", strings.Join(prefixes, ", "))
	b.WriteString("usage:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  mockserver %-40s %s\n", c[0], c[1])
	}
	b.WriteString("\nserve flags:\n")
	writeFlags(&b, newServeFlags(io.Discard).fs)
	b.WriteString("\nhealthcheck:\n")
	b.WriteString("  URL or --url URL    a base URL (http://127.0.0.1:8080) or a full health URL;\n")
	b.WriteString("                      default: the server MOCK_ADDR names (0.0.0.0 is probed on 127.0.0.1)\n")
	b.WriteString("  --timeout DURATION  give up after this long (default 3s)\n")
	b.WriteString("  --token TOKEN       admin token to send (default: MOCK_ADMIN_TOKEN)\n")
	b.WriteString("\nsign:\n")
	b.WriteString("  --url URL           the mock's base URL (the /PROVIDER prefix is added) or a real provider\n")
	b.WriteString("                      origin (no prefix); default: from MOCK_ADDR\n")
	b.WriteString("  mockserver sign PROVIDER --help lists the flags of one provider\n")
	b.WriteString("\nenvironment (flags win over the environment, the environment over --config):\n")
	for _, e := range envVars {
		fmt.Fprintf(&b, "  %-20s %s\n", e[0], e[1])
	}
	b.WriteString("\nexamples:\n")
	b.WriteString("  mockserver --addr 127.0.0.1:8080 --db :memory: --seed 7\n")
	b.WriteString("  mockserver healthcheck http://127.0.0.1:8080\n")
	b.WriteString("  mockserver sign zipay --method balance currency=USDT | sh\n")
	b.WriteString("\nOnce it runs: the dashboard is at http://127.0.0.1:8080/__admin/ui, an index of the\n")
	b.WriteString("providers' base URLs at http://127.0.0.1:8080/ and the docs in README.md and docs/.\n")
	_, _ = io.WriteString(w, b.String())
}

// writeFlags lists a flag set as --name VALUE  usage.
func writeFlags(b *strings.Builder, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg := " VALUE"
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			arg = ""
		}
		fmt.Fprintf(b, "  %-19s %s\n", "--"+f.Name+arg, f.Usage)
	})
}
