// Package transcripts holds the test that replays every request → response
// transcript of README.md and docs/**/*.md against a fresh in-process server
// and compares the bytes, so the documentation cannot drift from the code.
//
// # The convention
//
// A transcript is a fenced block whose info string is "console transcript"
// (GitHub highlights it as console). Its first line names the server:
//
//	# server: go run ./cmd/mockserver --db :memory: --seed 7 --debug
//
// The flags allowed are --db :memory: (required: the state starts fresh),
// --seed N and --debug. A block whose first line is
//
//	# server: as above, continued
//
// goes on with the server (and state) of the previous transcript of the same
// file. Then come exchanges: a "$ curl …" line (a trailing " \" continues it
// on the next line) followed by exactly what curl prints. curl options
// understood: -s, -S, -sS, -i, -X METHOD, -H 'Name: value', -d DATA and
// --data-raw DATA; the URL must start with http://127.0.0.1:8080/, and the
// request goes out with Host 127.0.0.1:8080 as curl would send it, so absolute
// URLs in answers come out as in the docs.
//
// Without -i the output is the body, and the status must be 200 (show any
// other status with -i). With -i the output is the status line, every header
// the server sent except Date (compared as a set, each value exactly), a blank
// line and the body. Trailing newlines of a body are not compared; everything
// else is, byte for byte.
//
// A plain "console" block that contains a "$ curl" line followed by output
// is an error: every transcript must be replayed, so a forgotten tag cannot
// hide one. Illustrations that cannot be replayed (abridged JSON, commands
// without output) go in other blocks ("json", "sh").
//
// A failure names the file and line of the exchange that drifted.
//
// The package also checks that every relative link of those files names an
// existing file and heading, and that the README stays within 300 lines,
// has a table of contents and shows the test command .ci/run runs.
package transcripts
