package verify

import (
	"strings"
	"testing"
)

func TestNodecoWorkedExample(t *testing.T) {
	// spec §3 worked example, every round.
	rounds := nodecoRounds("12312hasdh6ghvhgFDa454565jasdbNBSabc123")
	want := [3]string{
		"579b1adc4e5473cf35b899d33e4dece0229a2125",
		"94a8794c04bbf2948cc16cdbcbe34bf50d8f9a09",
		"b4ac6913d6219a160a1c268089bceae63f40bc31",
	}
	if rounds != want {
		t.Fatalf("rounds = %q, want %q", rounds, want)
	}
	if got := SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123"); got != want[2] {
		t.Fatalf("SignNodeco = %s, want %s", got, want[2])
	}
}

func TestVerifyNodeco(t *testing.T) {
	const key = "hasdh6ghvhgFDa454565jasdbNBS"
	const good = "b4ac6913d6219a160a1c268089bceae63f40bc31"
	tests := []struct {
		name, user, random, got string
		ok                      bool
		detail                  string
	}{
		{"worked example", "12312", "abc123", good, true, ""},
		{"upper-case hex refused", "12312", "abc123", strings.ToUpper(good), false, "checksum must be lower-case hex"},
		{"empty", "12312", "abc123", "", false, "no signature was sent"},
		{"short", "12312", "abc123", "b4ac", false, "signature has 4 characters, expected 40"},
		{"other random", "12312", "abc124", good, false, "signatures differ from character 1"},
		{"single sha1 is not enough", "12312", "abc123", "579b1adc4e5473cf35b899d33e4dece0229a2125", false, "signatures differ from character 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := VerifyNodeco(tc.user, key, tc.random, tc.got)
			if r.OK != tc.ok {
				t.Fatalf("OK = %v, want %v (%s)", r.OK, tc.ok, r.Explain())
			}
			if !strings.HasPrefix(r.Detail, tc.detail) {
				t.Fatalf("Detail = %q, want prefix %q", r.Detail, tc.detail)
			}
			if strings.Contains(r.Explain(), key) {
				t.Fatalf("explanation leaks the key: %s", r.Explain())
			}
			if r.Canonical != "sha1(sha1(sha1(12312hasd...bNBS"+tc.random+")))" {
				t.Fatalf("Canonical = %q", r.Canonical)
			}
		})
	}
}

func TestSignNodecoOtherVectors(t *testing.T) {
	// Computed independently with the shell recipe of spec §3 (sha1sum thrice over hex text).
	tests := []struct{ user, key, random, want string }{
		{"20001", "node-second-key-0002", "xyz", "694e7ab99ccb9f8e7d768112c39e09376b6ef713"},
		{"12312", "hasdh6ghvhgFDa454565jasdbNBS", "", "02a1b04827f2bc0c6a0b499c61f564f950f091ea"},
		{"12312", "hasdh6ghvhgFDa454565jasdbNBS", "5432165f1a2b3c4d5e6123456", "807c9ed93ed3e6a028aea8528f4aa6fa57326fc3"},
	}
	for _, tc := range tests {
		if got := SignNodeco(tc.user, tc.key, tc.random); got != tc.want {
			t.Errorf("SignNodeco(%q, %q, %q) = %s, want %s", tc.user, tc.key, tc.random, got, tc.want)
		}
		if r := VerifyNodeco(tc.user, tc.key, tc.random, tc.want); !r.OK {
			t.Errorf("VerifyNodeco refused its own vector: %s", r.Explain())
		}
	}
}
