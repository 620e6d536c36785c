package setup

import (
	"sync"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// presets is setupwiz's own provider table, parsed once.
var presets = sync.OnceValue(func() *discover.Presets {
	p, _ := discover.DefaultPresets() // embedded and tested; a broken table lists nothing
	return p
})

// Explain is the catalogue's explanation of a failure at srv, told what
// setupwiz knows about that server: its name, and whether it comes from
// the provider table (then a name that does not resolve is no typo).
func Explain(e *verify.Error, srv profile.Server) verify.Explanation {
	ps := presets()
	return verify.Explain(e, verify.Circumstances{Host: srv.Host, HostListed: ps != nil && ps.ListsHost(srv.Host)})
}

// ExplainResult explains the failure of one service's check.
func ExplainResult(s *verify.ServiceResult) verify.Explanation { return Explain(s.Error, s.Server) }
