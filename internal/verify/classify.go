package verify

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// classifyErr is classifyNetErr that first asks ctx: once the check's
// context is done, the connection was closed on purpose, and the read error
// that follows is really a cancellation, the overall deadline, or the
// finding that the port speaks another security mode (securityWatch).
func classifyErr(ctx context.Context, err error, svc Service, step StepName, srv profile.Server) *Error {
	var m *securityMismatch
	if errors.As(context.Cause(ctx), &m) {
		return mismatchError(m, svc, step, srv)
	}
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		err = ctx.Err()
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		err = ctx.Err()
	}
	return classifyNetErr(err, svc, step, srv)
}

// classifyNetErr turns a network-level error into a typed *Error with a hint.
func classifyNetErr(err error, svc Service, step StepName, srv profile.Server) *Error {
	k := netKind(err)
	if k == KindTLSHandshake && step != StepTLS && step != StepSTARTTLS {
		k = KindNetwork
	}
	e := &Error{Kind: k, Service: svc, Step: step, Err: err}
	e.Hint = hintFor(e, srv)
	return e
}

// netKind maps an error from dialing, reading or writing to a Kind.
func netKind(err error) Kind {
	var dnsErr *net.DNSError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, context.Canceled):
		return KindCanceled
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return KindTimeout
	case errors.As(err, &dnsErr):
		return KindDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused
	case protocolError(err):
		return KindProtocol
	case errors.As(err, &recErr), isTLSAlert(err):
		return KindTLSHandshake
	}
	return KindNetwork
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isTLSAlert(err error) bool {
	var a tls.AlertError
	return errors.As(err, &a)
}

// closedEarly reports whether err means the server hung up.
func closedEarly(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}
