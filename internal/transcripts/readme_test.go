package transcripts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxReadmeLines keeps the README a first-ten-minutes page; longer prose
// belongs in docs/.
const maxReadmeLines = 300

// TestReadmeShape checks the promises the README makes about itself: it stays
// short, has a table of contents, and its test command is the one CI runs.
func TestReadmeShape(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	if n := strings.Count(readme, "\n"); n > maxReadmeLines {
		t.Errorf("README.md has %d lines, at most %d: move the details to a docs/ page and link it", n, maxReadmeLines)
	}
	if !strings.Contains(readme, "\n## Contents\n") {
		t.Error("README.md has no \"## Contents\" table of contents")
	}

	fs, err := fences(readme)
	if err != nil {
		t.Fatal(err)
	}
	var testCmd string
	for _, f := range fs {
		for _, l := range f.lines {
			if strings.HasPrefix(l, "go test ") {
				testCmd = strings.TrimSpace(strings.SplitN(l, "#", 2)[0])
				break
			}
		}
		if testCmd != "" {
			break
		}
	}
	if testCmd == "" {
		t.Fatal("README.md shows no go test command")
	}
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range strings.Split(string(ci), "\n") {
		if strings.TrimSpace(l) == testCmd {
			found = true
		}
	}
	if !found {
		t.Errorf("README.md's test command %q is not a line of .ci/run", testCmd)
	}
}
