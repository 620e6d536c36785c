package mailtest_test

import (
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// BenchmarkStart measures a private server's start-up until every port accepts
// (go test -run '^$' -bench Start ./internal/mailtest).
func BenchmarkStart(b *testing.B) {
	for range b.N {
		s := mailtest.Start(b)
		b.StopTimer()
		s.Stop(b)
		b.StartTimer()
	}
}

// BenchmarkStop measures Stop (SIGTERM until Dovecot's master has exited).
func BenchmarkStop(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := mailtest.Start(b)
		b.StartTimer()
		s.Stop(b)
	}
	b.StopTimer()
}
