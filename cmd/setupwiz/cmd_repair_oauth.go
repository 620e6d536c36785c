package main

import (
	"context"
	"fmt"
	"time"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// runOAuth repairs a profile that signs in with OAuth2. The stored sign-in
// is renewed first (as setupwiz token does); the provider refusing it
// (revoked or expired) is "sign in again", never "password changed". On a
// terminal, or with --apply, repair then signs in again and keeps the new
// sign-in where the old one was; with the access token it checks both
// servers and fixes the rest as for a password account.
func (r *repairRun) runOAuth(ctx context.Context, p profile.Profile) error {
	sec := newSecrets(r.e, nil)
	deps, err := r.deps(sec)
	if err != nil {
		return err
	}
	deps.Flow.Secrets, deps.Flow.OAuth = sec, oauthSetup(r.e, oauthFlags{})
	termtext.Fprintf(r.e.stderr, "Checking %s: renewing the OAuth2 sign-in with %s…\n", nameAndEmail(p), p.OAuth.Provider.Name)
	tok, err := freshToken(ctx, r.e, r.store, p, true)
	if err != nil && !oauth.IsSignInAgain(err) && oauth.KindOf(err) != oauth.KindNoSignIn {
		return failedError{fmt.Sprintf("renewing the sign-in failed, and that does not look final (%v): nothing was changed; try again later", err)}
	}
	if err != nil {
		if p, tok, err = r.signInAgain(ctx, p, deps, err); err != nil {
			return err
		}
	}
	deps.Token = tok
	termtext.Fprintf(r.e.stderr, "Checking %s against the live servers…\n", nameAndEmail(p))
	d := repair.Diagnose(ctx, p, profile.Password{}, deps)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if r.x.jsonOut {
		return r.writeJSON(d, p)
	}
	writeDiagnosis(r.e.stderr, d)
	return r.fix(ctx, d, p, profile.Password{}, deps)
}

// signInAgain reports the dead sign-in and, when a person can act on it
// now, signs in again and keeps the new sign-in.
func (r *repairRun) signInAgain(ctx context.Context, p profile.Profile, deps repair.Deps, cause error) (profile.Profile, profile.Password, error) {
	why := fmt.Sprintf("%s no longer accepts the stored sign-in (%v)", p.OAuth.Provider.Name, unwrapOnce(cause))
	d := repair.Diagnosis{Profile: p.Name, Exports: repair.CheckExports(p)}
	for _, svc := range []verify.Service{verify.ServicePOP3, verify.ServiceSMTP} {
		d.Findings = append(d.Findings, repair.SignInAgain(repair.Finding{Service: svc, Was: serverOf(p, svc)}, why))
	}
	if r.x.jsonOut {
		return p, profile.Password{}, r.writeJSON(d, p)
	}
	writeDiagnosis(r.e.stderr, d)
	if !r.x.apply && !r.e.stderrIsTerminal {
		return p, profile.Password{}, failedError{"sign in again: run setupwiz repair " + p.Name + " on a terminal (or with --apply)"}
	}
	flow := deps.Flow
	in, err := flow.SignIn(ctx, p, !flow.CanOpenBrowser() && flow.DeviceSignIn(p), func(pr oauth.Prompt) { r.sayPrompt(p, pr) })
	if err != nil {
		return p, profile.Password{}, failedError{"signing in again failed: " + err.Error()}
	}
	if p, err = flow.KeepSignIn(p, in, p.OAuth.Token.Kind); err != nil {
		return p, profile.Password{}, failedError{"signed in, but keeping the sign-in failed: " + err.Error()}
	}
	if p, err = flow.Save(p, nil, setup.SaveOptions{Summary: "repair: signed in again with " + p.OAuth.Provider.Name}); err != nil {
		return p, profile.Password{}, failedError{"signed in, but saving the profile failed: " + err.Error()}
	}
	termtext.Fprintf(r.e.stderr, "Signed in again with %s; the new sign-in is kept in %s.\n", p.OAuth.Provider.Name, p.OAuth.Token.Kind)
	return p, profile.NewPassword(in.Grant.AccessToken), nil
}

// sayPrompt tells the person how to finish the sign-in.
func (r *repairRun) sayPrompt(p profile.Profile, pr oauth.Prompt) {
	w, left := r.e.stderr, time.Until(pr.Expires).Round(time.Minute)
	if pr.Code != "" {
		termtext.Fprintf(w, "On any device, open %s and enter the code %s (within %s).\n", pr.URL, pr.Code, left)
	} else {
		termtext.Fprintf(w, "Open this address in a browser on this computer (within %s):\n%s\n", left, pr.URL)
	}
	termtext.Fprintf(w, "Sign in as %s and allow access to mail. Waiting (ctrl+c stops)…\n", p.Email)
}

func unwrapOnce(err error) error {
	if e, ok := err.(*oauth.Error); ok && e.Err != nil {
		return e.Err
	}
	return err
}

func serverOf(p profile.Profile, svc verify.Service) profile.Server {
	if svc == verify.ServicePOP3 {
		return p.Incoming
	}
	return p.Outgoing
}
