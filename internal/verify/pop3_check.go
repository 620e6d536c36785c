package verify

import (
	"context"
	"errors"
)

// checkPOP3 logs in to o.Incoming and reads the mailbox statistics.
// (Being written; this placeholder lets the package build.)
func checkPOP3(ctx context.Context, o *Options) *ServiceResult {
	e := &Error{Kind: KindProtocol, Service: ServicePOP3, Err: errors.New("POP3 check not built yet")}
	return &ServiceResult{Service: ServicePOP3, Server: o.Incoming, Error: e}
}
