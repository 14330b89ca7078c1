//go:build race

package app_test

// raceOn: the race detector multiplies memory (shadow memory counts in RSS) and time.
const raceOn = true
