package verify

import (
	"fmt"
	"time"
)

// tarpitNotable is how long a refusal must take before we tell the user
// that the server slows down failed logins.
const tarpitNotable = time.Second

// logins tries the user names for one service, each on a connection of
// its own: servers may hang up after a failure (Postfix after go-smtp's
// cancel, some POP3 servers at once), count failures per connection, or
// drop a session's state. attempt opens a session and logs in as one name;
// a failure before the login step comes back recorded (t.fail) and ends
// the check; a login failure comes back unrecorded and is either the reason
// to try the next name (auth_failed) or the end. The names tried, the mechanism and the
// name that worked go into res. An explicit --username is tried alone
// (Options.UsernameVariants is false then).
func logins(t *tracker, o *Options, res *ServiceResult, attempt func(user string) (string, *Error)) *Error {
	users := usernameVariants(o.Email, res.Server.Username, o.UsernameVariants)
	var first *Error
	var waited time.Duration
	for i, user := range users {
		res.UsernameTried = append(res.UsernameTried, user)
		mech, e := attempt(user)
		res.AuthMech = mech
		if e == nil {
			res.Server.Username, res.UsernameCorrected = user, i > 0
			return nil
		}
		if e.Step != StepAuth {
			return e // from connecting, TLS, greeting: already recorded
		}
		waited = max(waited, t.stepElapsed())
		if first == nil || e.Kind != KindAuthFailed {
			first = e
		}
		if e.Kind != KindAuthFailed || i == len(users)-1 {
			break
		}
		t.retry(fmt.Sprintf("refused for %s; trying %s", user, users[i+1]))
	}
	return t.fail(withTarpit(withNamesTried(first, res.UsernameTried), waited))
}

// withTarpit says how long the server took to refuse when that was long
// enough to notice: many servers delay failed logins on purpose.
func withTarpit(e *Error, waited time.Duration) *Error {
	if e.Kind == KindAuthFailed && waited >= tarpitNotable {
		e.Hint += fmt.Sprintf(" (the server waited %.1f s before refusing: it slows down failed logins)", waited.Seconds())
	}
	return e
}
