package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOffline fails if a networking client or server package enters the binary. The tool
// promises to send nothing anywhere; keeping these packages out makes that true by
// construction. Package net itself arrives through cobra's flag library (for IP-typed
// flags) and is the one allowed exception.
func TestOffline(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := []string{"net/http", "crypto/tls", "net/rpc", "net/smtp", "net/mail", "google.golang.org/grpc", "golang.org/x/net"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if dep == f || strings.HasPrefix(dep, f+"/") {
				t.Errorf("the binary depends on %s", dep)
			}
		}
	}
}
