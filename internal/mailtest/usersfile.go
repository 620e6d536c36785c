package mailtest

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// writeUsers rewrites the passwd-file Dovecot uses as passdb and userdb.
// s.mu must be held. Dovecot reloads the file when its mtime or size
// changes, so the mtime is moved forward at least one second per rewrite:
// two rewrites within a second with equal sizes would otherwise go unnoticed.
func (s *Server) writeUsers() error {
	var b strings.Builder
	for _, a := range s.accounts {
		b.WriteString(a.passwdLine(s.home(a.short)))
	}
	path := s.usersFile()
	if err := writeFileAtomic(path, []byte(b.String()), 0o600); err != nil {
		return err
	}
	if err := s.shareUsersFile(path); err != nil {
		return err
	}
	s.usersMtime = nextMtime(s.usersMtime)
	if err := os.Chtimes(path, s.usersMtime, s.usersMtime); err != nil {
		return fmt.Errorf("set mtime of %s: %w", path, err)
	}
	return nil
}

// shareUsersFile lets Dovecot's auth process (group dovecot) read the file
// when running as root: root:dovecot 0640.
func (s *Server) shareUsersFile(path string) error {
	if !s.id.root {
		return nil
	}
	if s.id.usersFileGID < 0 { // no dovecot group: fall back to world-readable test passwords
		return os.Chmod(path, 0o644)
	}
	if err := os.Chown(path, 0, s.id.usersFileGID); err != nil {
		return fmt.Errorf("chown %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	return nil
}

func nextMtime(last time.Time) time.Time {
	now := time.Now().Truncate(time.Second)
	if now.After(last) {
		return now
	}
	return last.Add(time.Second)
}
