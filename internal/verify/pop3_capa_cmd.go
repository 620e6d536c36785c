package verify

import "fmt"

// capa asks for the capabilities (RFC 2449). A server without CAPA is
// old, not broken: we go on knowing nothing and fall back to USER/PASS.
func (s *pop3Session) capa() *Error {
	s.t.begin(StepCapa)
	r, err := s.c.cmd("CAPA")
	if err != nil {
		return s.netFail(err, StepCapa)
	}
	if !r.OK {
		s.caps = pop3Caps{}
		s.t.end("CAPA not supported")
		return nil
	}
	lines, err := s.c.readMulti()
	if err != nil {
		return s.netFail(err, StepCapa)
	}
	s.caps = parseCapa(lines)
	s.t.end(fmt.Sprintf("%d capabilities", len(s.caps.Raw)))
	return nil
}
