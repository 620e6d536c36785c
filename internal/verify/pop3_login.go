package verify

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
)

// login tries each user name on this connection (POP3 allows a new AUTH
// after a failure) and returns the one that worked and the method used.
// Every name tried is appended to tried. If the server hangs up after a
// failure, the names left are in s.retry and the step stays open, so the
// caller can try them on a new connection.
func (s *pop3Session) login(users []string, tried *[]string) (string, string, *Error) {
	s.t.begin(StepAuth)
	method, e := s.pickMethod()
	if e != nil {
		return "", "", s.t.fail(e)
	}
	var first *Error
	for i, u := range users {
		*tried = append(*tried, u)
		r, err := s.tryPipelined(method, u, s.pipelineExtras(method, i))
		if err != nil && first != nil && closedEarly(err) {
			*tried = (*tried)[:len(*tried)-1]
			s.retry = users[i:]
			return "", method, first
		}
		if err != nil {
			return "", method, s.loginErr(err)
		}
		if r.OK {
			s.t.end(method + " as " + u)
			return u, method, nil
		}
		if first = s.betterErr(first, pop3Error(r, StepAuth)); first.Kind != KindAuthFailed {
			break
		}
	}
	return "", method, s.t.fail(withMech(withNamesTried(first, *tried), method))
}

// withMech explains that challenge-response mechanisms need the server to
// keep the password in a matching form; many servers store only a hash.
func withMech(e *Error, method string) *Error {
	if e.Kind == KindAuthFailed && (method == "CRAM-MD5" || strings.HasPrefix(method, "SCRAM-")) {
		e.Hint += "; " + method + " works only if the server stores the password for it, so also try automatic or PLAIN over TLS"
	}
	return e
}

// betterErr keeps the first failure unless a later one says more than
// "authentication failed".
func (s *pop3Session) betterErr(first, e *Error) *Error {
	if first == nil || e.Kind != KindAuthFailed {
		return e
	}
	return first
}

// loginErr classifies an error that is not a -ERR reply.
func (s *pop3Session) loginErr(err error) *Error {
	if e, ok := err.(*Error); ok {
		return s.t.fail(e)
	}
	return s.netFail(err, StepAuth)
}

// pipelineExtras returns the mailbox commands to send together with the
// login (RFC 2449 PIPELINING), saving a round trip. Only for a first attempt
// (after a failure the server answers them with errors, and some servers
// count those) and only after logins that end in one reply: PLAIN with its
// initial response, or USER/PASS.
func (s *pop3Session) pipelineExtras(method string, attempt int) []string {
	if attempt > 0 || !s.caps.Pipelining || (method != "PLAIN" && method != methodUser) {
		return nil
	}
	return []string{"STAT", "UIDL 1"}
}

// tryPipelined logs in with extra commands queued behind the login. On
// success their replies are left for mailbox(); on failure they are read
// and dropped.
func (s *pop3Session) tryPipelined(method, user string, extra []string) (pop3Reply, error) {
	r, err := s.tryLogin(method, user, extra)
	if err != nil || len(extra) == 0 {
		return r, err
	}
	if r.OK {
		s.mailboxSent = true
		return r, nil
	}
	for range extra {
		if _, err := s.c.reply(); err != nil {
			return r, err
		}
	}
	return r, nil
}

func (s *pop3Session) tryLogin(method, user string, extra []string) (pop3Reply, error) {
	switch method {
	case methodUser:
		return s.userPass(user, extra)
	case methodAPOP:
		return s.apop(user)
	}
	return s.authSASL(method, user, extra)
}

// userPass sends USER and PASS, as one pipeline when the server allows it.
func (s *pop3Session) userPass(user string, extra []string) (pop3Reply, error) {
	pass := "PASS " + s.o.Password.Reveal()
	if !s.caps.Pipelining {
		r, err := s.c.cmd("USER %s", user)
		if err != nil || !r.OK {
			return r, err
		}
		return s.c.cmd("%s", pass)
	}
	if err := s.c.send(append([]string{"USER " + user, pass}, extra...)...); err != nil {
		return pop3Reply{}, err
	}
	return s.twoReplies()
}

// twoReplies reads the replies to a pipelined USER and PASS.
func (s *pop3Session) twoReplies() (pop3Reply, error) {
	r1, err := s.c.reply()
	if err != nil {
		return r1, err
	}
	r2, err := s.c.reply()
	if err != nil || !r1.OK {
		return r1, err
	}
	return r2, nil
}

// apop logs in with the MD5 digest of the greeting's timestamp and the password.
func (s *pop3Session) apop(user string) (pop3Reply, error) {
	sum := md5.Sum([]byte(s.stamp + s.o.Password.Reveal()))
	return s.c.cmd("APOP %s %s", user, hex.EncodeToString(sum[:]))
}
