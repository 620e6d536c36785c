package input

import (
	"context"
	"io"
)

// Interruptible returns a reader whose reads end with ctx's error as soon
// as ctx is done. A read from a pipe or terminal can wait forever for data
// (a pipe its writer keeps open, `--password-stdin` with nothing piped in);
// ctrl+c must still end the run. A read abandoned that way keeps waiting in
// the background until the process exits, so use it for the process's own
// standard input, not for something the run goes on using.
func Interruptible(ctx context.Context, r io.Reader) io.Reader { return &ctxReader{ctx, r} }

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	data []byte
	err  error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	done := make(chan readResult, 1)
	go func() {
		buf := make([]byte, len(p)) // not p: an abandoned read must not write into the caller's buffer later
		n, err := c.r.Read(buf)
		done <- readResult{buf[:n], err}
	}()
	select {
	case res := <-done:
		return copy(p, res.data), res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
