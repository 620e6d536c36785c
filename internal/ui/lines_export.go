package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// popOptions asks the four POP choices, each with its reason.
func (l *liner) popOptions() error {
	o := l.s.prof.POP
	l.say("Keeping a copy on the server matters if you also read mail on a phone or webmail: otherwise they never see it.")
	keep, err := l.yes("Leave a copy of each message on the server?", o.LeaveOnServer)
	if err != nil {
		return err
	}
	n := profile.POPOptions{LeaveOnServer: keep}
	if keep {
		if n.KeepDays, err = l.askInt("Delete server copies after how many days? 0 keeps them until you delete them", o.KeepDays, 3650); err != nil {
			return err
		}
		if n.DeleteWhenDeleted, err = l.yes("Remove the server copy when you delete a message in your mail program?", o.DeleteWhenDeleted); err != nil {
			return err
		}
	}
	n.CheckIntervalMinutes, err = l.askInt("Check for new mail every how many minutes? 0 leaves it to the program", o.CheckIntervalMinutes, 1440)
	l.s.setPOP(n)
	return err
}

func (l *liner) askInt(prompt string, def, hi int) (int, error) {
	v, err := l.askUntil(prompt, fmt.Sprint(def), numberProblem(0, hi))
	var n int
	fmt.Sscan(v, &n)
	return n, err
}

// export picks targets and the secret mode, shows the plan with diffs, and writes on yes.
func (l *liner) export() error {
	if l.s.cfg.Exporter == nil {
		l.say("No exporter is configured; nothing will be written.")
		return nil
	}
	targets, err := l.askTargets()
	if err != nil || len(targets) == 0 {
		return err
	}
	o, err := l.askSecrets()
	if err != nil {
		return err
	}
	plans, err := l.s.cfg.Exporter.Plan(targets, l.s.prof, o)
	if err != nil {
		l.say("setupwiz cannot write these files: %v. Nothing was written.", err)
		return l.export()
	}
	l.sayPlans(plans)
	ok, err := l.yes("Write these files?", true)
	if err != nil || !ok {
		return err
	}
	l.s.notePlans(plans)
	recs, backups, err := l.s.cfg.Exporter.Apply(plans)
	if err != nil {
		return fmt.Errorf("writing the settings: %w", err)
	}
	l.s.out.Written, l.s.out.Backups, l.s.command = recs, backups, o.Command
	return nil
}

func (l *liner) askTargets() ([]string, error) {
	def := l.s.cfg.Targets
	if def == nil {
		def = []string{"thunderbird", "mutt", "fetchmail"}
	}
	offered := l.offeredTargets()
	def = slices.DeleteFunc(slices.Clone(def), func(t string) bool { return !slices.Contains(offered, t) })
	l.say("setupwiz can write settings for: %s. Type none to write nothing.", strings.Join(offered, ", "))
	v, err := l.askUntil("Which, separated by commas", strings.Join(def, ","), targetsProblem(offered))
	if err != nil || v == "none" {
		return nil, err
	}
	return splitList(v), nil
}

func targetsProblem(offered []string) func(string) string {
	return func(v string) string {
		if v == "none" {
			return ""
		}
		for _, t := range splitList(v) {
			if !slices.Contains(offered, t) {
				return fmt.Sprintf("%q is not one of %s.", t, strings.Join(offered, ", "))
			}
		}
		return ""
	}
}

func splitList(v string) []string {
	var out []string
	for _, t := range strings.Split(v, ",") {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func (l *liner) askSecrets() (exporters.Options, error) {
	o := exporters.Options{Unverified: !l.s.verified, Now: l.s.cfg.Now}
	if l.s.needsSignIn() {
		l.say("No password goes into the files: mutt asks setupwiz token for fresh access at each login, Thunderbird signs in itself.")
		return o, nil
	}
	l.say("The password can stay out of the files (each program asks), go into them (inline, files are 0600), or come from a command such as a password manager.")
	v, err := l.askUntil("Password in the files: none, inline or command", "none", func(v string) string {
		if _, err := exporters.ParseSecretMode(v); err != nil {
			return "Please type none, inline or command."
		}
		return ""
	})
	if err != nil {
		return o, err
	}
	o.Secrets, _ = exporters.ParseSecretMode(v)
	switch o.Secrets {
	case "inline":
		o.Password = l.s.pass
	case "command":
		o.Command, err = l.askUntil("Command that prints the password", "", func(v string) string {
			if v == "" {
				return "Type the command, e.g. pass show mail/you."
			}
			return ""
		})
	}
	return o, err
}

func (l *liner) sayPlans(plans []exporters.Plan) {
	for _, p := range plans {
		l.say("%s: %s, %s.", p.Target, p.Path, changeWords(p))
		for _, note := range planNotes(p) {
			l.say("%s.", note)
		}
		if len(p.Old) > 0 && p.Diff != "" {
			l.say("Changes to %s:", p.Path)
			for _, line := range strings.Split(strings.TrimRight(p.Diff, "\n"), "\n") {
				l.say("%s", line)
			}
		}
	}
}

// done says what was written, the backups and the next step for each program.
func (l *liner) done() error {
	s := l.s
	s.out.Profile = s.prof
	s.out.Profile.Exports = append(s.out.Profile.Exports, s.out.Written...)
	for _, line := range doneLines(s) {
		l.say("%s", line)
	}
	if l.s.needsSignIn() {
		return nil // the sign-in was kept right after the check
	}
	return l.askKeep()
}
