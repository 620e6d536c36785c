package repair_test

import (
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestMain(m *testing.M) { mailtest.Main(m) }
