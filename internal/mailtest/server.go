package mailtest

import (
	"crypto/x509"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Server is a running Dovecot on loopback with its users, certificates,
// forwarders and SMTP sink. Ports stay the same across Stop and Restart.
type Server struct {
	Dir    string // scratch directory (config, users, Maildirs, log, tls/)
	Host   string // "127.0.0.1"
	CAFile string // PEM of the throwaway CA that signed the server certificate
	CAPool *x509.CertPool

	// POP3: STLS port behind the forwarder (cleartext login refused before
	// STLS), Dovecot's plain port reached directly (loopback counts as secure:
	// cleartext login accepted), and implicit TLS.
	POP3STLS, POP3Lenient, POP3S int
	// Submission: the same three for SMTP submission.
	SubmissionSTARTTLS, SubmissionLenient, Submissions int

	Sink *Sink // the relay target: every message submitted through Dovecot lands here

	mu         sync.Mutex // guards accounts, seq, usersMtime
	accounts   []account
	seq        int
	usersMtime time.Time

	life    sync.Mutex // guards the running state below and the exported ports
	id      identity
	tools   toolPaths
	listen  string // Dovecot's listen setting
	certs   certSet
	proc    *childProcess
	fwdPOP3 *forwarder
	fwdSub  *forwarder
	// extraConfig, when set, returns configuration appended to dovecot.conf
	// (StartOAuth adds an oauth2 passdb with it).
	extraConfig func(s *Server) string
}

// Addr returns "127.0.0.1:port" for one of the server's ports.
func (s *Server) Addr(port int) string {
	return net.JoinHostPort(s.Host, strconv.Itoa(port))
}

func (s *Server) usersFile() string { return filepath.Join(s.Dir, "users") }
func (s *Server) logFile() string   { return filepath.Join(s.Dir, "log", "dovecot.log") }
func (s *Server) tlsDir() string    { return filepath.Join(s.Dir, "tls") }

// config describes the Dovecot instance for the current ports.
func (s *Server) config() dovecotConfig {
	return dovecotConfig{
		Dir: s.Dir, Instance: "mailtest-" + filepath.Base(s.Dir), Listen: s.listen,
		POP3Plain: s.POP3Lenient, POP3S: s.POP3S,
		SubmissionPlain: s.SubmissionLenient, SubTLS: s.Submissions,
		SinkPort: s.Sink.port, ID: s.id.forConfig(), Extra: s.extra(),
	}
}

func (s *Server) extra() string {
	if s.extraConfig == nil {
		return ""
	}
	return s.extraConfig(s)
}
