package setup_test

import (
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestMain stops the shared Dovecot when the tests end.
func TestMain(m *testing.M) { mailtest.Main(m) }
