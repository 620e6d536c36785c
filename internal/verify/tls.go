package verify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// tlsClient runs a TLS handshake on conn (TLS 1.2 or newer, SNI = host) and
// verifies the certificate itself, so that a failure can say exactly what is
// wrong and a pinned fingerprint can stand in for a trusted chain. It runs
// inside the caller's step (StepTLS or StepSTARTTLS) and calls t.fail on error.
func tlsClient(ctx context.Context, o *Options, t *tracker, conn net.Conn, host string) (*tls.Conn, *TLSInfo, *Error) {
	v := &certVerifier{o: o, host: host}
	tc := tls.Client(conn, tlsConfig(o, host, v))
	_ = conn.SetDeadline(time.Now().Add(o.stepTimeout()))
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, nil, t.fail(tlsFailure(ctx, err, t.svc, serverAt(conn, host)))
	}
	st := tc.ConnectionState()
	info := &TLSInfo{Version: tls.VersionName(st.Version), CipherSuite: tls.CipherSuiteName(st.CipherSuite),
		ServerName: host, Cert: v.seen}
	t.note(fmt.Sprintf("%s established (%s)", info.Version, info.CipherSuite))
	return tc, info, nil
}

func tlsConfig(o *Options, host string, v *certVerifier) *tls.Config {
	cfg := &tls.Config{
		MinVersion: tls.VersionTLS12,
		// Verification happens in VerifyConnection, which sees the same
		// chain and adds pinning and precise error reports.
		InsecureSkipVerify: true,
		VerifyConnection:   v.verify,
	}
	if net.ParseIP(host) == nil {
		cfg.ServerName = host
	}
	return cfg
}

// tlsFailure classifies a failed handshake.
func tlsFailure(ctx context.Context, err error, svc Service, srv profile.Server) *Error {
	var ce *certError
	if errors.As(err, &ce) {
		return &Error{Kind: KindTLSCertificate, Service: svc, Cert: &ce.info, Hint: certHint(ce.info), Err: err}
	}
	e := classifyErr(ctx, err, svc, StepTLS, srv)
	if e.Kind == KindNetwork {
		e.Kind, e.Hint = KindTLSHandshake, tlsHandshakeHint(err, svc)
	}
	e.Step = "" // the caller's step: StepTLS or StepSTARTTLS
	return e
}
