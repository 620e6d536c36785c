package mailtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Maildir returns the path of a user's Maildir (by short name or login).
func (s *Server) Maildir(login string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return filepath.Join(s.home(s.accounts[s.indexOf(login)].short), "Maildir")
}

func (s *Server) home(short string) string {
	return filepath.Join(s.Dir, "home", short)
}

// AddMessage delivers raw into the user's Maildir/new under a unique name.
func (s *Server) AddMessage(t testing.TB, login string, raw []byte) {
	t.Helper()
	s.mu.Lock()
	s.seq++
	name := fmt.Sprintf("%d.M%dP%dQ%d.mailtest", time.Now().Unix(), s.seq, os.Getpid(), s.seq)
	s.mu.Unlock()
	if err := s.deliver(s.Maildir(login), name, raw); err != nil {
		t.Fatalf("mailtest: add message for %s: %v", login, err)
	}
}

// deliver writes into tmp/ and renames into new/, as the Maildir format asks,
// so Dovecot never sees a partial message.
func (s *Server) deliver(maildir, name string, raw []byte) error {
	return deliver(s.id, maildir, name, raw)
}

func deliver(id identity, maildir, name string, raw []byte) error {
	tmp := filepath.Join(maildir, "tmp", name)
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return err
	}
	if err := id.chownMail(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(maildir, "new", name))
}

// makeMailboxes creates every user's home and Maildir and alice's fixtures.
func (s *Server) makeMailboxes() error {
	for _, a := range s.accounts {
		if err := s.makeMaildir(s.home(a.short)); err != nil {
			return err
		}
	}
	return aliceFixtures(s.id, filepath.Join(s.home("alice"), "Maildir"))
}

func (s *Server) makeMaildir(home string) error { return makeMaildir(s.id, home) }

// makeMaildir creates home and home/Maildir/{cur,new,tmp}, owned by the mail user.
func makeMaildir(id identity, home string) error {
	dirs := []string{home, filepath.Join(home, "Maildir")}
	for _, sub := range []string{"cur", "new", "tmp"} {
		dirs = append(dirs, filepath.Join(home, "Maildir", sub))
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
		if err := id.chownMail(d); err != nil {
			return err
		}
	}
	return nil
}

// aliceFixtures delivers alice's three messages into maildir.
func aliceFixtures(id identity, maildir string) error {
	for _, m := range aliceMessages() {
		if err := deliver(id, maildir, m.Name, m.Data); err != nil {
			return fmt.Errorf("alice's fixture %s: %w", m.Name, err)
		}
	}
	return nil
}
