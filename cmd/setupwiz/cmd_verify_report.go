package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// writeReport prints the human-readable verification report.
func writeReport(w io.Writer, r verify.Result, transcript bool) {
	writeVerifyReport(w, r, transcript, false)
}

// writeVerifyReport is writeReport that, when a test message was asked for
// but not sent, says so.
func writeVerifyReport(w io.Writer, r verify.Result, transcript, sendTestAsked bool) {
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s != nil {
			writeService(w, s, transcript)
		}
	}
	switch {
	case r.SendTest != nil:
		writeSendTest(w, r.SendTest, r.POP3)
	case sendTestAsked:
		wrapLine(w, "", "✗ Test message not sent: the SMTP login did not work.")
		fmt.Fprintln(w)
	}
	writeSummary(w, r)
}

func writeService(w io.Writer, s *verify.ServiceResult, transcript bool) {
	writeServiceHeader(w, s)
	for _, st := range s.Steps {
		writeStep(w, st, stepDetail(s, st))
	}
	if s.Error != nil {
		writeFailure(w, s)
	} else if s.UsernameCorrected {
		wrapLine(w, "    ", fmt.Sprintf("Note: the username %q was rejected and %q worked; use that one (--username %s).",
			s.UsernameTried[0], s.Server.Username, s.Server.Username))
	}
	if transcript {
		writeTranscript(w, s.Transcript)
	}
	fmt.Fprintln(w)
}

// writeServiceHeader prints "POP3  host:port (TLS), user NAME", putting the
// user on its own line when both do not fit.
func writeServiceHeader(w io.Writer, s *verify.ServiceResult) {
	srv := s.Server
	head := termtext.Sprintf("%s  %s (%s)", serviceTitle(s.Service), srv.Address(), securityWords(srv.Security.String()))
	user := "user " + termtext.Line(srv.Username)
	if len([]rune(head+", "+user)) <= textWidth(w) {
		fmt.Fprintln(w, head+", "+user)
		return
	}
	fmt.Fprintln(w, cut(head, textWidth(w)))
	fmt.Fprintln(w, cut("      "+user, textWidth(w)))
}

func serviceTitle(svc verify.Service) string {
	if svc == verify.ServicePOP3 {
		return "POP3"
	}
	return "SMTP"
}

func securityWords(sec string) string {
	switch sec {
	case "tls":
		return "TLS"
	case "starttls":
		return "STARTTLS"
	}
	return "no encryption"
}

// writeStep prints "  ✓ login          4 ms  PLAIN", cut to the width.
func writeStep(w io.Writer, st verify.Step, detail string) {
	mark := "✓"
	if !st.OK {
		mark = "✗"
	}
	line := fmt.Sprintf("  %s %-13s %7s  %s", mark, st.Name, fmtMS(st.Duration), detail)
	fmt.Fprintln(w, cut(strings.TrimRight(line, " "), textWidth(w)))
}

// stepDetail is what to show next to a step: the TLS version and name, the
// mechanism, the mailbox size; failed steps show their kind in writeFailure.
func stepDetail(s *verify.ServiceResult, st verify.Step) string {
	if !st.OK {
		return ""
	}
	switch {
	case (st.Name == verify.StepTLS || st.Name == verify.StepSTARTTLS) && s.TLS != nil:
		return tlsWords(s.TLS)
	case st.Name == verify.StepAuth && s.AuthMech != "":
		return fmt.Sprintf("%s as %s", s.AuthMech, s.Server.Username)
	case st.Name == verify.StepMailbox && s.Mailbox != nil:
		return mailboxWords(s.Mailbox)
	}
	return st.Detail
}

// tlsWords says "TLS 1.3, certificate for NAMES", and "pinned" when the
// certificate was trusted only because its fingerprint was pinned.
func tlsWords(t *verify.TLSInfo) string {
	what := "certificate"
	if t.Cert.Pinned {
		what = "pinned certificate"
	}
	return fmt.Sprintf("%s, %s for %s", t.Version, what, certNames(t.Cert))
}

func certNames(c verify.CertInfo) string {
	names := append(append([]string{}, c.DNSNames...), c.IPs...)
	if len(names) == 0 {
		return c.Subject
	}
	return strings.Join(names, ", ")
}

// mailboxWords says "3 messages, 61 KB" (and whether UIDL works).
func mailboxWords(m *verify.MailboxStats) string {
	s := fmt.Sprintf("%d messages, %s", m.Messages, sizeWords(m.Octets))
	if m.Messages == 1 {
		s = fmt.Sprintf("1 message, %s", sizeWords(m.Octets))
	}
	if !m.UIDL {
		s += "; no UIDL (leaving mail on the server will not work well)"
	}
	return s
}

func sizeWords(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

func fmtMS(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

// writeTranscript prints the redacted conversation, one line each, cut to width.
func writeTranscript(w io.Writer, lines []verify.TranscriptLine) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "  Transcript (passwords and AUTH data hidden):")
	for _, l := range lines {
		fmt.Fprintln(w, cut(fmt.Sprintf("  %7s %s %s", fmtMS(l.At), l.Dir, l.Text), textWidth(w)))
	}
}

func writeSendTest(w io.Writer, s *verify.SendTestResult, pop3 *verify.ServiceResult) {
	switch {
	case s.Error != nil:
		x := verify.ExplainSendTest(s.Error)
		fmt.Fprintln(w, "✗ Test message:")
		wrapLine(w, "  ", x.Sentence)
		if s.Error.ServerText != "" {
			wrapLine(w, "    ", "Server said: "+s.Error.ServerText)
		}
		if x.Hint != "" {
			wrapLine(w, "    ", "What to do: "+x.Hint)
		}
	case s.Arrived:
		wrapLine(w, "", fmt.Sprintf("✓ Test message sent and found in the POP3 mailbox after %s.", fmtMS(s.Waited)))
	case pop3 != nil:
		wrapLine(w, "", "✓ Test message sent (the POP3 login failed, so its arrival was not confirmed).")
	default:
		wrapLine(w, "", "✓ Test message sent (POP3 was not checked, so its arrival was not confirmed).")
	}
	fmt.Fprintln(w)
}

// writeSummary is the last line: the verdict.
func writeSummary(w io.Writer, r verify.Result) {
	if r.OK() {
		fmt.Fprintf(w, "✓ Verified: %s (%s).\n", checkedNames(r), fmtMS(r.Duration))
		return
	}
	var failed []string
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s != nil && !s.OK {
			failed = append(failed, serviceTitle(s.Service))
		}
	}
	if r.SendTest != nil && !r.SendTest.OK {
		failed = append(failed, "the test message")
	}
	fmt.Fprintf(w, "✗ Not verified: %s failed (%s).\n", strings.Join(failed, " and "), fmtMS(r.Duration))
}

func checkedNames(r verify.Result) string {
	switch {
	case r.POP3 != nil && r.SMTP != nil:
		return "POP3 and SMTP both work"
	case r.POP3 != nil:
		return "the POP3 login and mailbox work"
	case r.SMTP != nil:
		return "the SMTP login works"
	}
	return "nothing was checked"
}
