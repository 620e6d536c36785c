package secrets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Output bounds for child processes: a password line, and an error message.
const (
	maxStdout = 64 << 10
	maxLine   = 4 << 10
	maxStderr = 512
)

// child is one run of a helper program: argv never carries a secret; stdin may.
type child struct {
	argv    []string
	env     []string
	stdin   []byte
	timeout time.Duration
	what    string // for messages: "pass", "the password command"
}

// run starts the child, feeds stdin, and returns its bounded stdout.
// The child and everything it started are killed at the deadline.
func (c child) run() ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.argv[0], c.argv[1:]...)
	cmd.Env = c.env
	cmd.Stdin = bytes.NewReader(c.stdin)
	stdout, stderr := &capped{max: maxStdout}, &capped{max: maxStderr}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	killGroup(cmd)
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s did not finish within %v and was stopped", c.what, c.timeout)
	}
	if err != nil {
		return nil, c.failure(err, stderr)
	}
	if stdout.over {
		return nil, fmt.Errorf("%s printed more than %d bytes: not a password", c.what, maxStdout)
	}
	return stdout.buf.Bytes(), nil
}

// failure describes a failed run with the child's own (bounded) words.
func (c child) failure(err error, stderr *capped) error {
	msg := strings.TrimSpace(stderr.buf.String())
	var ee *exec.ExitError
	if errors.As(err, &ee) && msg != "" {
		return fmt.Errorf("%s failed (exit %d): %s", c.what, ee.ExitCode(), msg)
	}
	return fmt.Errorf("%s failed: %w", c.what, err)
}

// firstLinePassword takes the first line of out as the password.
func firstLinePassword(out []byte, what string) (profile.Password, error) {
	line, _, _ := bytes.Cut(out, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return profile.Password{}, fmt.Errorf("%s printed no password (its first line is empty)", what)
	}
	if len(line) > maxLine {
		return profile.Password{}, fmt.Errorf("%s printed a first line longer than %d bytes: not a password", what, maxLine)
	}
	return profile.NewPassword(string(line)), nil
}

// capped keeps the first max bytes written and drains the rest, so the child never blocks.
type capped struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	if room < len(p) {
		c.over = true
		c.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.buf.Write(p)
}

var _ io.Writer = (*capped)(nil)
