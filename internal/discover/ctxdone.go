package discover

import (
	"context"
	"time"
)

// ctxDone returns the context's error, treating a passed deadline as
// expired even before the context's own timer fires: a network read with the
// same deadline can time out a moment earlier, and its "i/o timeout" must not
// be mistaken for "nothing there".
func ctxDone(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}
