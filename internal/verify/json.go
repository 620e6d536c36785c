package verify

import (
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// DocumentVersion is bumped when a field of the JSON document changes meaning
// or disappears. Adding fields does not bump it.
const DocumentVersion = 1

// Document returns the stable, machine-readable form of r for `setupwiz verify
// -json`: durations in milliseconds, error kinds as their Kind names, the
// server's own words and a hint. It never contains a password.
func Document(r Result) any {
	return jsonResult{
		Version:    DocumentVersion,
		OK:         r.OK(),
		DurationMS: ms(r.Duration),
		POP3:       serviceDoc(r.POP3),
		SMTP:       serviceDoc(r.SMTP),
		SendTest:   sendTestDoc(r.SendTest),
	}
}

type jsonResult struct {
	Version    int           `json:"version"`
	OK         bool          `json:"ok"`
	DurationMS float64       `json:"duration_ms"`
	POP3       *jsonService  `json:"pop3,omitempty"`
	SMTP       *jsonService  `json:"smtp,omitempty"`
	SendTest   *jsonSendTest `json:"send_test,omitempty"`
}

type jsonService struct {
	OK                bool             `json:"ok"`
	Server            jsonServer       `json:"server"`
	DurationMS        float64          `json:"duration_ms"`
	Steps             []jsonStep       `json:"steps"`
	TLS               *jsonTLS         `json:"tls,omitempty"`
	Greeting          string           `json:"greeting,omitempty"`
	Capabilities      []string         `json:"capabilities,omitempty"`
	Mechanism         string           `json:"mechanism,omitempty"`
	UsernamesTried    []string         `json:"usernames_tried,omitempty"`
	UsernameCorrected bool             `json:"username_corrected"`
	Mailbox           *MailboxStats    `json:"mailbox,omitempty"`
	DetectedSecurity  string           `json:"detected_security,omitempty"`
	Error             *jsonError       `json:"error,omitempty"`
	Transcript        []jsonTranscript `json:"transcript,omitempty"`
}

type jsonServer struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Security string `json:"security"`
	Username string `json:"username"`
	Auth     string `json:"auth"`
}

type jsonStep struct {
	Name   StepName `json:"name"`
	OK     bool     `json:"ok"`
	MS     float64  `json:"ms"`
	Detail string   `json:"detail,omitempty"`
}

type jsonTLS struct {
	Version     string   `json:"version"`
	CipherSuite string   `json:"cipher_suite"`
	ServerName  string   `json:"server_name"`
	Certificate jsonCert `json:"certificate"`
}

type jsonCert struct {
	Subject  string    `json:"subject,omitempty"`
	Issuer   string    `json:"issuer,omitempty"`
	Names    []string  `json:"names"`
	SHA256   string    `json:"sha256"`
	NotAfter time.Time `json:"not_after"`
	Problem  string    `json:"problem,omitempty"`
	Pinned   bool      `json:"pinned,omitempty"`
}

type jsonError struct {
	Kind        Kind      `json:"kind"`
	Step        StepName  `json:"step"`
	Message     string    `json:"message"`
	ServerSaid  string    `json:"server_said,omitempty"`
	Hint        string    `json:"hint,omitempty"`
	Temporary   bool      `json:"temporary"`
	Certificate *jsonCert `json:"certificate,omitempty"`
}

type jsonTranscript struct {
	MS   float64 `json:"ms"`
	Dir  string  `json:"dir"`
	Text string  `json:"text"`
}

type jsonSendTest struct {
	OK        bool       `json:"ok"`
	MessageID string     `json:"message_id,omitempty"`
	Arrived   bool       `json:"arrived"`
	WaitedMS  float64    `json:"waited_ms"`
	Error     *jsonError `json:"error,omitempty"`
}

func serviceDoc(s *ServiceResult) *jsonService {
	if s == nil {
		return nil
	}
	return &jsonService{
		OK: s.OK, Server: serverDoc(s.Server), DurationMS: ms(s.Duration),
		Steps: stepsDoc(s.Steps), TLS: tlsDoc(s.TLS), Greeting: s.Greeting,
		Capabilities: s.Caps, Mechanism: s.AuthMech,
		UsernamesTried: s.UsernameTried, UsernameCorrected: s.UsernameCorrected,
		Mailbox: s.Mailbox, DetectedSecurity: s.DetectedSecurity, Error: errorDoc(s.Error), Transcript: transcriptDoc(s.Transcript),
	}
}

func serverDoc(s profile.Server) jsonServer {
	return jsonServer{Host: s.Host, Port: s.Port, Security: s.Security.String(),
		Username: s.Username, Auth: s.Auth.String()}
}

func stepsDoc(steps []Step) []jsonStep {
	out := make([]jsonStep, len(steps))
	for i, s := range steps {
		out[i] = jsonStep{Name: s.Name, OK: s.OK, MS: ms(s.Duration), Detail: s.Detail}
	}
	return out
}

func tlsDoc(t *TLSInfo) *jsonTLS {
	if t == nil {
		return nil
	}
	return &jsonTLS{Version: t.Version, CipherSuite: t.CipherSuite, ServerName: t.ServerName,
		Certificate: *certDoc(&t.Cert)}
}

func certDoc(c *CertInfo) *jsonCert {
	if c == nil {
		return nil
	}
	names := append(append([]string{}, c.DNSNames...), c.IPs...)
	return &jsonCert{Subject: c.Subject, Issuer: c.Issuer, Names: names, SHA256: c.SHA256,
		NotAfter: c.NotAfter.UTC(), Problem: c.Problem, Pinned: c.Pinned}
}

func errorDoc(e *Error) *jsonError {
	if e == nil {
		return nil
	}
	return &jsonError{Kind: e.Kind, Step: e.Step, Message: e.Error(), ServerSaid: e.ServerText,
		Hint: e.Hint, Temporary: e.Kind.Temporary(), Certificate: certDoc(e.Cert)}
}

func transcriptDoc(lines []TranscriptLine) []jsonTranscript {
	if len(lines) == 0 {
		return nil
	}
	out := make([]jsonTranscript, len(lines))
	for i, l := range lines {
		out[i] = jsonTranscript{MS: ms(l.At), Dir: l.Dir, Text: l.Text}
	}
	return out
}

func sendTestDoc(s *SendTestResult) *jsonSendTest {
	if s == nil {
		return nil
	}
	return &jsonSendTest{OK: s.OK, MessageID: s.MessageID, Arrived: s.Arrived,
		WaitedMS: ms(s.Waited), Error: errorDoc(s.Error)}
}

// ms is d in milliseconds, rounded to 0.1 ms.
func ms(d time.Duration) float64 {
	return float64(d.Round(100*time.Microsecond)) / float64(time.Millisecond)
}
