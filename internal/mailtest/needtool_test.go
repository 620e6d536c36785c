package mailtest_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// outcomeTB records how NeedTool ended a test instead of ending the real one.
type outcomeTB struct {
	testing.TB
	skipped, failed string
}

func (o *outcomeTB) Helper() {}

func (o *outcomeTB) Skipf(format string, args ...any) {
	o.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (o *outcomeTB) Fatalf(format string, args ...any) {
	o.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func needTool(t *testing.T, names ...string) *outcomeTB {
	o := &outcomeTB{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); mailtest.NeedTool(o, names...) }()
	<-done
	return o
}

func TestNeedToolFailsInCIAndSkipsLocally(t *testing.T) {
	const missing = "setupwiz-no-such-tool"
	t.Setenv("CI", "true")
	if o := needTool(t, "sh", missing); o.failed == "" || o.skipped != "" || !strings.Contains(o.failed, missing) {
		t.Fatalf("CI=true: failed=%q skipped=%q, want a failure naming %s", o.failed, o.skipped, missing)
	}
	t.Setenv("CI", "")
	if o := needTool(t, missing); o.skipped == "" || o.failed != "" || !strings.Contains(o.skipped, "apt-get install") {
		t.Fatalf("locally: failed=%q skipped=%q, want a skip with an install hint", o.failed, o.skipped)
	}
	if o := needTool(t, "sh"); o.skipped != "" || o.failed != "" {
		t.Fatalf("sh is installed, yet NeedTool ended the test: %+v", o)
	}
}
