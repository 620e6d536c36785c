package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// account asks for the address and name, or a saved profile to repair (not
// asked when the caller already gave an address: piped answers stay in step).
func (l *liner) account() error {
	if ps := l.s.cfg.Profiles; len(ps) > 0 && l.s.cfg.Seed.Email == "" {
		l.say("You have saved profiles: %s.", strings.Join(ps, ", "))
		name, err := l.askUntil("To repair one, type its name; to set up a new account, press enter", "", func(v string) string {
			if v != "" && !slices.Contains(ps, v) {
				return "There is no saved profile named " + v + "."
			}
			return ""
		})
		if err != nil || name != "" {
			l.s.out.RepairName = name
			return err
		}
	}
	email, err := l.askUntil("Email address", l.s.prof.Email, func(v string) string { return emailProblem(v) })
	if err != nil {
		return err
	}
	name, err := l.askUntil("Your name, as recipients see it (optional)", l.s.prof.DisplayName, nameProblem)
	if err != nil {
		return err
	}
	l.s.setAccount(email, name)
	return nil
}

// password is asked once the servers are known: it says where the
// password goes, takes the one given or reads one from the terminal, then
// asks the username (discovery's stays discovery's unless changed).
func (l *liner) password() error {
	if err := l.obtainPassword(); err != nil {
		return err
	}
	shown := l.s.prof.Incoming.Username
	user, err := l.askUntil("Username for both servers", shown, usernameProblem)
	if err != nil {
		return err
	}
	if user != shown {
		l.s.setUsername(user)
	}
	return nil
}

// obtainPassword says where the password will be sent, then uses the one
// at hand (given, or typed before) or reads one from the terminal.
func (l *liner) obtainPassword() error {
	goes, _ := l.s.passwordGoes()
	l.say("%s", goes)
	if note := l.s.addressWantsOAuth(); note != "" {
		l.say("%s", note)
	}
	switch {
	case !l.s.pass.IsEmpty() && l.s.pass == l.s.cfg.Password:
		l.say("Using the password from %s.", l.s.cfg.passwordFrom())
	case !l.s.pass.IsEmpty():
		l.say("Using the password you typed before.")
	case l.s.cfg.ReadPassword == nil:
		return ErrNoPassword
	default:
		return l.readPassword()
	}
	return nil
}

// readPassword reads the password from the terminal. What cannot be a
// password (a NUL byte, bytes that are not UTF-8) is an input error, as
// on --password-stdin.
func (l *liner) readPassword() error {
	for {
		l.write("Password (nothing is shown as you type): ")
		p, err := l.readSecret()
		l.say("")
		if err != nil {
			return l.readError("Password", err)
		}
		if err := profile.CheckPasswordText(p.Reveal()); err != nil {
			return &input.Error{What: "at the Password prompt", Err: err}
		}
		if !p.IsEmpty() {
			l.s.pass = p
			return nil
		}
		l.say("The password is empty; setupwiz needs it to log in. Type it again.")
	}
}

func (l *liner) write(s string) { _, _ = l.out.Write([]byte(s)) }

// describeServer is "pop.example.com port 995 with TLS, username jane@example.com".
func describeServer(s profile.Server) string {
	return s.Host + " port " + strconv.Itoa(s.Port) + " with " + securityWords(s.Security) + ", username " + s.Username
}

// readSecret calls ReadPassword, giving up when the context ends.
func (l *liner) readSecret() (profile.Password, error) {
	type result struct {
		p   profile.Password
		err error
	}
	ch := make(chan result, 1)
	go func() {
		p, err := l.s.cfg.ReadPassword()
		ch <- result{p, err}
	}()
	select {
	case r := <-ch:
		return r.p, r.err
	case <-l.ctx.Done():
		return profile.Password{}, l.ctx.Err()
	}
}
