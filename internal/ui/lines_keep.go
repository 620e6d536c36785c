package ui

import (
	"errors"
	"strings"
)

// askKeep asks where to remember the verified password for setupwiz repair,
// offering only the places that work here; a failed store is said and the
// profile keeps "ask each time".
func (l *liner) askKeep() error {
	choices := l.s.keepChoices()
	if note := l.s.keyringNote(); note != "" {
		l.say("%s", note)
	}
	for len(choices) > 1 {
		c, err := l.askKeepChoice(choices)
		var ended *InputEndedError
		if errors.As(err, &ended) {
			l.say("No answer: setupwiz repair will ask for the password.") // the files are written; end of input keeps the default
			return nil
		}
		if err != nil {
			return err
		}
		err = l.s.keepAt(c)
		l.s.kept(c, err)
		if err == nil {
			l.sayKept(c)
			return nil
		}
		l.say("Storing the password in %s failed: %v. It is NOT stored; the profile keeps \"ask each time\". Choose another place, or ask.", c.label, err)
	}
	return nil
}

func (l *liner) askKeepChoice(choices []keepChoice) (keepChoice, error) {
	var words []string
	for _, c := range choices {
		words = append(words, c.word)
		l.say("  %s: %s", c.word, c.explain)
	}
	v, err := l.askUntil("Remember the password for repair: "+strings.Join(words, ", "), "ask", func(v string) string {
		if _, ok := keepByWord(choices, v); !ok {
			return "Please type one of " + strings.Join(words, ", ") + "."
		}
		return ""
	})
	c, _ := keepByWord(choices, v)
	return c, err
}

func keepByWord(choices []keepChoice, v string) (keepChoice, bool) {
	for _, c := range choices {
		if strings.EqualFold(strings.TrimSpace(v), c.word) {
			return c, true
		}
	}
	return keepChoice{}, false
}

func (l *liner) sayKept(c keepChoice) {
	if c.ref == askEachTime.ref {
		l.say("setupwiz repair will ask for the password.")
		return
	}
	l.say("Stored the password in %s; setupwiz repair reads it from there.", c.label)
}
