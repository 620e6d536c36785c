package verify

import (
	"context"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// probeSMTPIfBuilt stands in until smtp_probe.go provides probeSMTP.
// TODO(H3): replace the body with `return probeSMTP(ctx, o, srv)` and delete this file's stub.
func probeSMTPIfBuilt(ctx context.Context, o *Options, srv profile.Server) ProbeResult {
	return probeSMTP(ctx, o, srv)
}
