package verify

import (
	"context"
	"errors"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// probePOP3 connects, sets up TLS, reads the greeting and CAPA; no login.
func probePOP3(ctx context.Context, o *Options, srv profile.Server) ProbeResult {
	return ProbeResult{Error: &Error{Kind: KindProtocol, Service: ServicePOP3, Err: errors.New("POP3 probe not built yet")}}
}
