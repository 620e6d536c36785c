package verify

import (
	"io"
	"net"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedactor(t *testing.T) {
	var r redactor
	steps := []struct{ dir, in, want string }{
		{"C", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "AUTH PLAIN [redacted]"},
		{"C", "AUTH SCRAM-SHA-256 biwsbj11c2Vy", "AUTH SCRAM-SHA-256 [redacted]"},
		{"S", "+ cj1meWtvK2QybGJiRmdPTlJ2OWtx", "+ [redacted]"},
		{"C", "Yz1iaXdzLHI9ZnlrbytkMmxiYkZn", "[redacted]"},
		{"S", "+ ", "+ [redacted]"},
		{"C", "", "[redacted]"},
		{"S", "+OK Logged in.", "+OK Logged in."},
		{"C", "STAT", "STAT"},
		{"C", "AUTH CRAM-MD5", "AUTH CRAM-MD5"},
		{"S", "+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+", "+ [redacted]"},
		{"C", "*", "*"},
		{"C", "USER alice", "USER alice"},
		{"C", "PASS He said \"hi\" ✓", "PASS [redacted]"},
		{"C", "APOP mrose c4c9334bac560ecc979e58001b3e22fb", "APOP mrose [redacted]"},
		{"S", "334 VXNlcm5hbWU6", "334 [redacted]"},
		{"C", "YWxpY2U=", "[redacted]"},
		{"C", "AUTH XOAUTH2 dXNlcj1hAWF1dGg9QmVhcmVyIHRvawEB", "AUTH XOAUTH2 [redacted]"},
	}
	for _, s := range steps {
		var got []byte
		if s.dir == "S" {
			got = r.server([]byte(s.in))
		} else {
			got = r.client([]byte(s.in))
		}
		if string(got) != s.want {
			t.Errorf("%s %q -> %q, want %q", s.dir, s.in, got, s.want)
		}
	}
}

// pipeConn is one side of net.Pipe with the other side fed by a writer goroutine.
func serveBytes(t *testing.T, data func(w io.Writer)) net.Conn {
	client, server := net.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		data(server)
		server.Close()
	}()
	t.Cleanup(func() { client.Close(); <-done })
	return client
}

func TestWireConnBoundsLineLength(t *testing.T) {
	c := serveBytes(t, func(w io.Writer) {
		chunk := []byte(strings.Repeat("a", 4096))
		for range 100 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	tr := newTracker(&Options{Transcript: true}, ServicePOP3)
	n, err := io.Copy(io.Discard, tr.wrap(c))
	if err != errLineTooLong || n > maxWireLine+4096 {
		t.Fatalf("read %d bytes, err %v", n, err)
	}
	if netKind(err) != KindProtocol {
		t.Errorf("kind %s", netKind(err))
	}
}

func TestWireConnBoundsSession(t *testing.T) {
	c := serveBytes(t, func(w io.Writer) {
		line := []byte(strings.Repeat("b", 1000) + "\r\n")
		for range 2000 {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	})
	tr := newTracker(&Options{Transcript: true}, ServicePOP3)
	n, err := io.Copy(io.Discard, tr.wrap(c))
	if err != errTooMuchData || n > maxSessionRead {
		t.Fatalf("read %d bytes, err %v", n, err)
	}
	for _, l := range tr.transcript() {
		if len(l.Text) > maxShownText+64 {
			t.Fatalf("transcript line of %d bytes kept", len(l.Text))
		}
	}
}

func TestWireConnSplitsLinesAcrossReads(t *testing.T) {
	c := serveBytes(t, func(w io.Writer) {
		for _, part := range []string{"+OK he", "llo\r", "\n+ c2VjcmV0\r\n", "-ERR \xff\x1b bad\r\n"} {
			w.Write([]byte(part))
		}
	})
	tr := newTracker(&Options{Transcript: true}, ServicePOP3)
	io.Copy(io.Discard, tr.wrap(c))
	got := tr.transcript()
	want := []string{"+OK hello", "+ [redacted]", `-ERR \xff\x1b bad`}
	if len(got) != len(want) {
		t.Fatalf("transcript %+v", got)
	}
	for i, l := range got {
		if l.Dir != "S" || l.Text != want[i] || !utf8.ValidString(l.Text) {
			t.Errorf("line %d = %+v, want %q", i, l, want[i])
		}
	}
}

func TestTranscriptOffByDefault(t *testing.T) {
	c := serveBytes(t, func(w io.Writer) { w.Write([]byte("+OK hi\r\n")) })
	tr := newTracker(&Options{}, ServicePOP3)
	io.Copy(io.Discard, tr.wrap(c))
	if tr.transcript() != nil {
		t.Error("transcript recorded without Options.Transcript")
	}
}

func TestSafeText(t *testing.T) {
	cases := map[string]string{
		"plain":           "plain",
		"Grüße ✓":         "Grüße ✓",
		"\xff\xfe":        `\xff\xfe`,
		"a\x1b[2Jb":       `a\x1b[2Jb`,
		"tab\there":       "tab\there",
		"nul\x00":         `nul\x00`,
		"\u0085next-line": `\xc2\x85next-line`,
	}
	for in, want := range cases {
		if got := safeTextString(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
	long := safeTextString(strings.Repeat("x", 2000))
	if !strings.HasSuffix(long, "[1488 more bytes]") {
		t.Errorf("long text ends %q", long[len(long)-30:])
	}
}
