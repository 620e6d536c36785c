package verify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestClassifyNetErr(t *testing.T) {
	pop995 := profile.Server{Host: "pop.example.test", Port: 995, Security: profile.SecurityTLS}
	smtp465 := profile.Server{Host: "smtp.example.test", Port: 465, Security: profile.SecurityTLS}
	cases := []struct {
		name string
		err  error
		svc  Service
		step StepName
		srv  profile.Server
		kind Kind
		hint string
	}{
		{"dns", &net.DNSError{Err: "no such host", Name: "pop.example.test", IsNotFound: true}, ServicePOP3, StepResolve, pop995, KindDNS, "typos"},
		{"dns timeout", &net.DNSError{Err: "timeout", IsTimeout: true}, ServicePOP3, StepResolve, pop995, KindTimeout, ""},
		{"refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, ServicePOP3, StepConnect, pop995, KindRefused, "995 with TLS or 110 with STLS"},
		{"timeout on 995", os.ErrDeadlineExceeded, ServicePOP3, StepConnect, pop995, KindTimeout, "try 110 with STLS"},
		{"timeout on 465", context.DeadlineExceeded, ServiceSMTP, StepConnect, smtp465, KindTimeout, "try 587 with STARTTLS"},
		{"canceled", context.Canceled, ServicePOP3, StepAuth, pop995, KindCanceled, ""},
		{"closed", io.EOF, ServicePOP3, StepGreeting, pop995, KindNetwork, "closed the connection"},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), ServicePOP3, StepCapa, pop995, KindNetwork, "closed the connection"},
		{"line too long", errLineTooLong, ServicePOP3, StepGreeting, pop995, KindProtocol, "POP3"},
		{"plaintext answer to TLS", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, ServicePOP3, StepTLS, pop995, KindTLSHandshake, "STLS"},
		{"old TLS", tls.AlertError(70), ServiceSMTP, StepTLS, smtp465, KindTLSHandshake, "older than 1.2"},
	}
	for _, c := range cases {
		e := classifyNetErr(c.err, c.svc, c.step, c.srv)
		if e.Kind != c.kind || e.Service != c.svc || e.Step != c.step || !errors.Is(e, c.err) {
			t.Errorf("%s: %+v", c.name, e)
		}
		if c.hint != "" && !strings.Contains(e.Hint, c.hint) {
			t.Errorf("%s: hint %q lacks %q", c.name, e.Hint, c.hint)
		}
	}
}

func TestClassifyErrPrefersContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := classifyErr(ctx, net.ErrClosed, ServicePOP3, StepAuth, profile.Server{})
	if e.Kind != KindCanceled {
		t.Errorf("kind %s", e.Kind)
	}
}

func TestPOP3RefusedPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	res := runPOP3Check(t, faultOpts(port, profile.SecurityTLS))
	wantKind(t, res, KindRefused)
	if res.Error.Step != StepConnect {
		t.Errorf("step %s", res.Error.Step)
	}
}
