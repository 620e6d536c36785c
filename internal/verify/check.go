package verify

import (
	"context"
	"sync"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Check verifies the account's POP3 server (o.Incoming) and SMTP submission
// server (o.Outgoing) side by side, each on its own connection, under one
// overall deadline (o.Timeout). A zero Server is skipped. Cancelling ctx
// closes every connection at once; the affected results carry KindCanceled.
// With o.SendTest and a working SMTP login, one test message is sent and,
// when POP3 worked too, awaited in the mailbox.
func Check(ctx context.Context, o Options) Result {
	start := o.now()
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	var r Result
	var wg sync.WaitGroup
	side := func(srv profile.Server, dst **ServiceResult, check func(context.Context, *Options) *ServiceResult) {
		if !srv.IsZero() {
			wg.Go(func() { *dst = check(ctx, &o) })
		}
	}
	side(o.Incoming, &r.POP3, checkPOP3)
	side(o.Outgoing, &r.SMTP, checkSMTP)
	wg.Wait()
	wg.Go(func() { explainMismatch(ctx, &o, r.POP3) })
	wg.Go(func() { explainMismatch(ctx, &o, r.SMTP) })
	wg.Wait()
	if o.SendTest && r.SMTP != nil && r.SMTP.OK {
		r.SendTest = sendTest(ctx, &o, r)
	}
	r.Duration = o.now().Sub(start)
	return r
}
