package transcripts

import (
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// mdLink matches an inline markdown link or image target: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocsLinks checks that every relative link of README.md and docs/**/*.md
// names a file of the repository and, with a #fragment into a markdown file,
// a heading of that file: moving text between pages must not leave dead links.
func TestDocsLinks(t *testing.T) {
	root := repoRoot(t)
	anchors := map[string]map[string]bool{}
	anchorsOf := func(name string) (map[string]bool, error) {
		if a, ok := anchors[name]; ok {
			return a, nil
		}
		text, err := os.ReadFile(root + "/" + name)
		if err != nil {
			return nil, err
		}
		a := headingAnchors(string(text))
		anchors[name] = a
		return a, nil
	}
	checked := 0
	for _, name := range docFiles(t, root) {
		text, err := os.ReadFile(root + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range linksOutsideCode(string(text)) {
			target, frag, _ := strings.Cut(l.target, "#")
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			checked++
			file := name
			if target != "" {
				file = path.Clean(path.Join(path.Dir(name), target))
				if _, err := os.Stat(root + "/" + file); err != nil {
					t.Errorf("%s:%d: link to %s: no such file", name, l.line, l.target)
					continue
				}
			}
			if frag == "" || !strings.HasSuffix(file, ".md") {
				continue
			}
			a, err := anchorsOf(file)
			if err != nil {
				t.Fatal(err)
			}
			if !a[frag] {
				t.Errorf("%s:%d: link to %s: %s has no heading with anchor #%s", name, l.line, l.target, file, frag)
			}
		}
	}
	t.Logf("%d relative links checked", checked)
}

type link struct {
	target string
	line   int
}

// linksOutsideCode lists the link targets of a markdown text, skipping
// fenced blocks and inline code.
func linksOutsideCode(text string) []link {
	var out []link
	inFence := false
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		for _, m := range mdLink.FindAllStringSubmatch(stripInlineCode(l), -1) {
			out = append(out, link{target: m[1], line: i + 1})
		}
	}
	return out
}

// stripInlineCode blanks `code spans`, where brackets are not links.
func stripInlineCode(l string) string {
	parts := strings.Split(l, "`")
	for i := 1; i < len(parts); i += 2 {
		parts[i] = ""
	}
	return strings.Join(parts, "``")
}

// headingAnchors computes GitHub's anchors for the headings of a markdown
// text: lower case, punctuation dropped, spaces as hyphens, "-1", "-2" … for
// repeats.
func headingAnchors(text string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	inFence := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "```") {
			inFence = !inFence
			continue
		}
		if inFence || !strings.HasPrefix(l, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(title) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteByte('-')
			}
		}
		slug := b.String()
		if n := seen[slug]; n > 0 {
			out[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			out[slug] = true
		}
		seen[slug]++
	}
	return out
}

func TestHeadingAnchors(t *testing.T) {
	a := headingAnchors("# NODE cloud (node.co.id and virtdedi.com)\n## Go tests: `mocktest`\n```\n# not a heading\n```\n## Configuration\n## Configuration (`gempay:` section)\n### Configuration\n")
	for _, want := range []string{"node-cloud-nodecoid-and-virtdedicom", "go-tests-mocktest", "configuration", "configuration-gempay-section", "configuration-1"} {
		if !a[want] {
			t.Errorf("anchor %q missing from %v", want, a)
		}
	}
	if a["not-a-heading"] {
		t.Error("a comment in a code block counted as a heading")
	}
}
