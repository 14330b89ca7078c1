package transcripts

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// docOrigin is the server every transcript talks to, as a reader runs it.
const docOrigin = "http://127.0.0.1:8080"

// transcript is one "console transcript" block.
type transcript struct {
	file      string
	line      int  // line of the opening fence
	continued bool // same server as the previous transcript of the file
	seed      int64
	debug     bool
	exchanges []exchange
}

// exchange is one "$ curl" line and what curl printed.
type exchange struct {
	line    int // line of the "$ curl"
	req     request
	include bool // -i: status line and headers are shown
	status  string
	headers []string // "Name: value", as shown
	body    string
}

// request is what the curl command sends.
type request struct {
	method  string
	target  string // path and query
	host    string
	headers http.Header
	body    string
}

// fence is one fenced block of a markdown file.
type fence struct {
	info  string
	line  int      // line of the opening fence (1-based)
	lines []string // content, the fence's indentation removed
}

// fences lists the fenced blocks of a markdown text.
func fences(text string) ([]fence, error) {
	var out []fence
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " ")
		if !strings.HasPrefix(trimmed, "```") {
			continue
		}
		indent := len(lines[i]) - len(trimmed)
		f := fence{info: strings.TrimSpace(strings.TrimPrefix(trimmed, "```")), line: i + 1}
		closed := false
		for i++; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "```" {
				closed = true
				break
			}
			l := lines[i]
			for n := 0; n < indent && strings.HasPrefix(l, " "); n++ {
				l = l[1:]
			}
			f.lines = append(f.lines, l)
		}
		if !closed {
			return nil, fmt.Errorf("line %d: fenced block is never closed", f.line)
		}
		out = append(out, f)
	}
	return out, nil
}

// isTranscript tells a "console transcript" fence.
func (f fence) isTranscript() bool {
	words := strings.Fields(f.info)
	return len(words) == 2 && words[0] == "console" && words[1] == "transcript"
}

// looksLikeTranscript tells an untagged block holding a curl call (with or
// without a "$ " prompt) followed by its output: such a block would escape
// the replay. Lines that are commands or comments are not output.
func (f fence) looksLikeTranscript() (int, bool) {
	isCommand := func(l string) bool {
		return strings.HasPrefix(l, "$ ") || strings.HasPrefix(l, "curl ") || strings.HasPrefix(l, "#")
	}
	for i, l := range f.lines {
		if !strings.HasPrefix(strings.TrimPrefix(l, "$ "), "curl ") {
			continue
		}
		j := i + 1
		for j < len(f.lines) && strings.HasSuffix(f.lines[j-1], `\`) {
			j++
		}
		if j < len(f.lines) && strings.TrimSpace(f.lines[j]) != "" && !isCommand(f.lines[j]) {
			return f.line + 1 + i, true
		}
	}
	return 0, false
}

// parseFile returns the transcripts of one markdown file; name is used in
// error messages, which always carry name:line.
func parseFile(name, text string) ([]transcript, error) {
	fs, err := fences(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []transcript
	for _, f := range fs {
		if !f.isTranscript() {
			if line, ok := f.looksLikeTranscript(); ok {
				return nil, fmt.Errorf("%s:%d: a curl call with output in a %q block: tag the block \"console transcript\" so it is replayed", name, line, f.info)
			}
			continue
		}
		t, err := parseTranscript(name, f)
		if err != nil {
			return nil, err
		}
		if t.continued && len(out) == 0 {
			return nil, fmt.Errorf("%s:%d: \"as above, continued\" but no transcript comes before it in this file", name, f.line+1)
		}
		out = append(out, t)
	}
	return out, nil
}

const serverPrefix = "# server: "

func parseTranscript(name string, f fence) (transcript, error) {
	t := transcript{file: name, line: f.line}
	errAt := func(i int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, f.line+1+i, fmt.Sprintf(format, args...))
	}
	if len(f.lines) == 0 || !strings.HasPrefix(f.lines[0], serverPrefix) {
		return t, errAt(0, "a transcript starts with %q and the server command", serverPrefix)
	}
	if err := t.parseServer(strings.TrimPrefix(f.lines[0], serverPrefix)); err != nil {
		return t, errAt(0, "%v", err)
	}
	i := 1
	for i < len(f.lines) && strings.TrimSpace(f.lines[i]) == "" {
		i++
	}
	for i < len(f.lines) {
		if !strings.HasPrefix(f.lines[i], "$ ") {
			return t, errAt(i, "expected a \"$ curl\" line, got %q", f.lines[i])
		}
		start := i
		cmd := strings.TrimPrefix(f.lines[i], "$ ")
		for strings.HasSuffix(cmd, `\`) && i+1 < len(f.lines) {
			i++
			cmd = strings.TrimSuffix(cmd, `\`) + " " + strings.TrimLeft(f.lines[i], " ")
		}
		i++
		var out []string
		for i < len(f.lines) && !strings.HasPrefix(f.lines[i], "$ ") {
			out = append(out, f.lines[i])
			i++
		}
		for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
			out = out[:len(out)-1]
		}
		ex, err := parseExchange(cmd, out)
		if err != nil {
			return t, errAt(start, "%v", err)
		}
		ex.line = f.line + 1 + start
		t.exchanges = append(t.exchanges, ex)
	}
	if len(t.exchanges) == 0 {
		return t, errAt(0, "transcript without any \"$ curl\" exchange")
	}
	return t, nil
}

// parseServer reads the server command of a transcript.
func (t *transcript) parseServer(cmd string) error {
	if cmd == "as above, continued" {
		t.continued = true
		return nil
	}
	words := strings.Fields(cmd)
	switch {
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/mockserver":
		words = words[3:]
	default:
		return fmt.Errorf("the server command must be \"go run ./cmd/mockserver …\" or \"as above, continued\", got %q", cmd)
	}
	memory := false
	for i := 0; i < len(words); i++ {
		switch words[i] {
		case "--db":
			if i+1 >= len(words) || words[i+1] != ":memory:" {
				return fmt.Errorf("a transcript needs fresh state: --db :memory:")
			}
			memory = true
			i++
		case "--seed":
			if i+1 >= len(words) {
				return fmt.Errorf("--seed needs a value")
			}
			n, err := strconv.ParseInt(words[i+1], 10, 64)
			if err != nil {
				return fmt.Errorf("--seed %q: %w", words[i+1], err)
			}
			t.seed = n
			i++
		case "--debug":
			t.debug = true
		default:
			return fmt.Errorf("server flag %q is not supported in transcripts (only --db :memory:, --seed N, --debug)", words[i])
		}
	}
	if !memory {
		return fmt.Errorf("a transcript needs fresh state: add --db :memory: to the server command")
	}
	return nil
}

// parseExchange reads one curl command line and the output shown under it.
func parseExchange(cmd string, out []string) (exchange, error) {
	var ex exchange
	words, err := shellWords(cmd)
	if err != nil {
		return ex, err
	}
	if len(words) == 0 || words[0] != "curl" {
		return ex, fmt.Errorf("only curl commands can be replayed, got %q", cmd)
	}
	req := request{headers: http.Header{}, host: strings.TrimPrefix(docOrigin, "http://")}
	var data []string
	hasData := false
	url := ""
	for i := 1; i < len(words); i++ {
		w := words[i]
		arg := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("curl option %s needs a value", w)
			}
			i++
			return words[i], nil
		}
		switch w {
		case "-s", "-S", "-sS", "-Ss":
		case "-i", "-sSi", "-isS":
			ex.include = true
		case "-X":
			v, err := arg()
			if err != nil {
				return ex, err
			}
			req.method = v
		case "-H":
			v, err := arg()
			if err != nil {
				return ex, err
			}
			name, value, ok := strings.Cut(v, ":")
			if !ok {
				return ex, fmt.Errorf("header %q has no colon", v)
			}
			value = strings.TrimLeft(value, " ")
			if strings.EqualFold(name, "Host") {
				req.host = value
				continue
			}
			req.headers.Add(name, value)
		case "-d", "--data", "--data-raw":
			v, err := arg()
			if err != nil {
				return ex, err
			}
			if w != "--data-raw" && strings.HasPrefix(v, "@") {
				return ex, fmt.Errorf("%s @file cannot be replayed", w)
			}
			data = append(data, v)
			hasData = true
		default:
			if strings.HasPrefix(w, "-") {
				return ex, fmt.Errorf("curl option %q is not understood by the replay", w)
			}
			if url != "" {
				return ex, fmt.Errorf("two URLs: %q and %q", url, w)
			}
			url = w
		}
	}
	if !strings.HasPrefix(url, docOrigin+"/") {
		return ex, fmt.Errorf("the URL must start with %s/, got %q", docOrigin, url)
	}
	req.target = strings.TrimPrefix(url, docOrigin)
	if hasData {
		req.body = strings.Join(data, "&")
		if req.headers.Get("Content-Type") == "" {
			req.headers.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if req.method == "" {
		req.method = http.MethodGet
		if hasData {
			req.method = http.MethodPost
		}
	}
	ex.req = req
	return ex, ex.parseOutput(out)
}

// parseOutput splits what curl printed into status line, headers and body.
func (ex *exchange) parseOutput(out []string) error {
	if !ex.include {
		ex.status = "HTTP/1.1 200 OK"
		ex.body = strings.Join(out, "\n")
		return nil
	}
	if len(out) == 0 || !strings.HasPrefix(out[0], "HTTP/") {
		return fmt.Errorf("curl -i prints a status line first (HTTP/1.1 …)")
	}
	ex.status = out[0]
	i := 1
	for ; i < len(out) && out[i] != ""; i++ {
		name, _, ok := strings.Cut(out[i], ": ")
		if !ok {
			return fmt.Errorf("header line %q has no \": \"", out[i])
		}
		if http.CanonicalHeaderKey(name) == "Date" {
			return fmt.Errorf("leave the Date header out: it is real time, not mock time")
		}
		ex.headers = append(ex.headers, out[i])
	}
	if i < len(out) {
		ex.body = strings.Join(out[i+1:], "\n")
	}
	return nil
}

// shellWords splits a command line as a POSIX shell would for the quoting
// the docs use: 'single', "double" (with \" \\ \$ \` escapes) and bare words.
// Expansions ($VAR, $(…), globs) are refused: the replay cannot run them.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unterminated ' quote")
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				switch {
				case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0:
					i++
					cur.WriteByte(s[i])
				case s[i] == '$' || s[i] == '`':
					return nil, fmt.Errorf("shell expansion in %q cannot be replayed", s)
				default:
					cur.WriteByte(s[i])
				}
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated \" quote")
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case strings.IndexByte("$`|&;<>()*?[", c) >= 0:
			return nil, fmt.Errorf("shell syntax %q in %q cannot be replayed", string(c), s)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
