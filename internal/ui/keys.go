package ui

import "charm.land/bubbles/v2/key"

// keyMap holds every binding; each screen lists the ones it uses, and the help
// line shows those plus the global ones.
type keyMap struct {
	Next, Back, Quit, Help, HelpF1                      key.Binding
	Up, Down, Move, Toggle                              key.Binding
	Repair, Reveal, Advanced                            key.Binding
	Edit, NextPOP, NextSMTP, Rediscover                 key.Binding
	Retry, Password, Username, Candidate, TryAll, Trust key.Binding
	Plaintext, Diff, Security                           key.Binding
	NextField, PrevField, Digits                        key.Binding
}

// helpWords is what the help key says on every screen: the help lists all
// keys of the screen, also those the footer has no room for.
const helpWords = "all keys"

func newKeyMap() keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Next: b([]string{"enter", "tab"}, "enter", "next"), Back: b([]string{"shift+tab", "esc"}, "esc", "back"),
		Quit: b([]string{"ctrl+c"}, "ctrl+c", "quit"), Help: b([]string{"?"}, "?", helpWords),
		HelpF1: b([]string{"f1"}, "f1", helpWords),
		Up:     b([]string{"up"}, "↑", "up"), Down: b([]string{"down"}, "↓", "down"),
		Move:   b([]string{"up", "down"}, "↑/↓", "move"),
		Toggle: b([]string{"space"}, "space", "toggle"),
		Repair: b([]string{"ctrl+r"}, "ctrl+r", "repair a saved profile"), Reveal: b([]string{"ctrl+t"}, "ctrl+t", "show/hide"),
		Advanced: b([]string{"ctrl+o"}, "ctrl+o", "username"),
		Edit:     b([]string{"e"}, "e", "edit"), NextPOP: b([]string{"p"}, "p", "other POP3"),
		NextSMTP: b([]string{"s"}, "s", "other SMTP"), Rediscover: b([]string{"r"}, "r", "search again"),
		Retry: b([]string{"r"}, "r", "retry"), Password: b([]string{"p"}, "p", "re-enter password"),
		Username: b([]string{"u"}, "u", "other username form"), Candidate: b([]string{"n"}, "n", "next candidate"),
		TryAll: b([]string{"a"}, "a", "try all alternatives"), Trust: b([]string{"t"}, "t", "trust this certificate"),
		Plaintext: b([]string{"x"}, "x", "allow unencrypted login"), Diff: b([]string{"d"}, "d", "show diff"),
		Security:  b([]string{"s"}, "s", "use the security the port speaks"),
		NextField: b([]string{"tab"}, "tab", "next field"), PrevField: b([]string{"shift+tab"}, "shift+tab", "previous field"),
		Digits: b([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "backspace"}, "0-9", "type a number"),
	}
}
