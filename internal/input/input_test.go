package input_test

import (
	"bufio"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/input"
)

// hangLimit only keeps a broken Open from hanging the test run; the test
// asserts that Open returns, not how fast.
const hangLimit = 30 * time.Second

// openOrHang runs input.Open and fails the test if it does not return.
func openOrHang(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		f, err := input.Open("the file", path)
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(hangLimit):
		t.Fatalf("Open(%s) is still waiting", path)
		return nil
	}
}

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, kind string }{
		{fifo, "a FIFO (named pipe)"},
		{dir, "a directory"},
		{"/dev/null", "a character device"},
	} {
		err := openOrHang(t, c.path)
		var ie *input.Error
		if !errors.As(err, &ie) || !errors.Is(err, input.ErrNotRegular) || !strings.Contains(err.Error(), c.kind) {
			t.Errorf("Open(%s) = %v, want an *input.Error saying it is %s", c.path, err, c.kind)
		}
	}
	if err := openOrHang(t, filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file gave %v", err)
	}
}

func TestOpenFollowsLinksToRegularFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pw")
	if err := os.WriteFile(file, []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(file, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := openOrHang(t, filepath.Join(dir, "link")); err != nil {
		t.Errorf("a link to a regular file: %v", err)
	}
	data, err := input.ReadFile("pw", filepath.Join(dir, "link"), 2)
	if err != nil || string(data) != "x\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := input.ReadFile("pw", file, 1); err == nil || !strings.Contains(err.Error(), "larger than 1 bytes") {
		t.Errorf("ReadFile over its limit: %v", err)
	}
}

// TestInterruptibleEndsAReadNothingAnswers: a pipe whose writer stays
// open and silent; cancelling the context ends the read with its error.
func TestInterruptibleEndsAReadNothingAnswers(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	in := bufio.NewReader(input.Interruptible(ctx, r))
	w.WriteString("first\n")
	if line, err := in.ReadString('\n'); err != nil || line != "first\n" {
		t.Fatalf("a line that was there: %q, %v", line, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := in.ReadString('\n')
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the read ended with %v, want context.Canceled", err)
		}
	case <-time.After(hangLimit):
		t.Fatal("the read did not end with the context")
	}
}

func TestReadSecretLine(t *testing.T) {
	for _, c := range []struct{ in, want, problem string }{
		{"s3cret\n", "s3cret", ""},
		{"s3cret\r\nsecond line\n", "s3cret", ""},
		{"no newline", "no newline", ""},
		{"ünï €\n", "ünï €", ""},
		{"", "", "empty"},
		{"a\x00b\n", "", "NUL byte"},
		{"a\xffb\n", "", "not valid UTF-8"},
		{"\n", "", "empty"},
		{strings.Repeat("x", input.MaxSecretLine+1) + "\n", "", "longer than"},
	} {
		pw, err := input.ReadSecretLine(bufio.NewReader(strings.NewReader(c.in)), "--password-stdin")
		var ie *input.Error
		switch {
		case c.problem == "" && (err != nil || pw.Reveal() != c.want):
			t.Errorf("%q: %q, %v", c.in, pw.Reveal(), err)
		case c.problem != "" && (!errors.As(err, &ie) || !strings.Contains(err.Error(), c.problem) || !strings.HasPrefix(err.Error(), "--password-stdin: ")):
			t.Errorf("%q: %v, want an *input.Error saying %q", c.in, err, c.problem)
		case c.problem != "" && strings.Contains(err.Error(), "a\x00b"):
			t.Errorf("%q: the error shows the password", c.in)
		}
	}
}

func TestReadSecretLineLeavesAnInterruptAsItIs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := input.ReadSecretLine(bufio.NewReader(input.Interruptible(ctx, strings.NewReader("pw\n"))), "--password-stdin")
	var ie *input.Error
	if !errors.Is(err, context.Canceled) || errors.As(err, &ie) {
		t.Errorf("an interrupted read gave %v, want context.Canceled and no input error", err)
	}
}
