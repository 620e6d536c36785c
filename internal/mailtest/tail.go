package mailtest

import (
	"os"
	"strings"
	"sync"
)

// tailBuffer keeps the last max bytes written to it (Dovecot's stderr).
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func newTailBuffer(max int) *tailBuffer { return &tailBuffer{max: max} }

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append([]byte(nil), b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// lastLines returns at most n trailing lines of text.
func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// LogTail returns the last n lines of Dovecot's log and of its stderr, for
// failure messages: a failing CI run shows why the server misbehaved.
func (s *Server) LogTail(n int) string {
	s.life.Lock()
	proc := s.proc
	s.life.Unlock()
	return s.logTail(proc, n)
}

func (s *Server) logTail(proc *childProcess, n int) string {
	data, err := os.ReadFile(s.logFile())
	text := string(data)
	if err != nil {
		text = "(no log: " + err.Error() + ")"
	}
	out := "--- dovecot log (" + s.logFile() + ") ---\n" + lastLines(text, n)
	if proc != nil {
		if se := strings.TrimSpace(proc.stderr.String()); se != "" {
			out += "\n--- dovecot stderr ---\n" + lastLines(se, n)
		}
	}
	return out
}
