package verify

import (
	"errors"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// capa asks for the capabilities (RFC 2449). A server without CAPA is
// old, not broken: we go on knowing nothing (s.caps stays nil) and fall
// back to USER/PASS.
func (s *pop3Session) capa() *Error {
	s.t.begin(StepCapa)
	caps, err := s.c.Capa()
	var refused *pop3.Error
	switch {
	case errors.As(err, &refused):
		s.caps = nil
		s.t.end("CAPA not supported")
		return nil
	case err != nil:
		return s.netFail(err, StepCapa)
	}
	s.caps = caps
	s.t.end(fmt.Sprintf("%d capabilities", len(caps.Raw)))
	return nil
}

// capsShown are the capability lines as they may be shown.
func (s *pop3Session) capsShown() []string {
	if s.caps == nil {
		return nil
	}
	out := make([]string, len(s.caps.Raw))
	for i, c := range s.caps.Raw {
		out[i] = safeTextString(c)
	}
	return out
}

// has reports a capability flag; every flag is false while CAPA is unknown.
func (s *pop3Session) has(flag func(*pop3.Caps) bool) bool {
	return s.caps != nil && flag(s.caps)
}
