package mailtest

import (
	"fmt"
	"strings"
)

// fixtureMessage is one of alice's messages. Its file name is fixed, so with
// pop3_uidl_format = %f its UIDL is the name.
type fixtureMessage struct {
	Name string
	Data []byte
}

// AliceUIDLs returns the UIDLs of alice's three fixture messages, in order.
func AliceUIDLs() []string {
	return []string{"1704100001.M1P1Q1.mailtest", "1704100002.M2P1Q1.mailtest", "1704100003.M3P1Q1.mailtest"}
}

func aliceMessages() []fixtureMessage {
	uidl := AliceUIDLs()
	return []fixtureMessage{
		{uidl[0], []byte(fixtureHeader("Welcome", "Mon, 01 Jan 2024 09:00:01 +0000") +
			"Hello Alice,\n\nthis is the first test message.\n")},
		{uidl[1], []byte(fixtureHeader("Dots", "Mon, 01 Jan 2024 09:00:02 +0000") +
			"The next line starts with a dot and must survive dot-stuffing:\n.leading dot\n..two dots\n.\nend\n")},
		{uidl[2], []byte(fixtureHeader("Large", "Mon, 01 Jan 2024 09:00:03 +0000") + largeBody())},
	}
}

func fixtureHeader(subject, date string) string {
	return fmt.Sprintf("From: Test Sender <sender@example.test>\nTo: alice@example.test\n"+
		"Subject: %s\nDate: %s\nMessage-ID: <%s@mailtest.example.test>\n\n", subject, date, strings.ToLower(subject))
}

// largeBody is about 60 KB of numbered lines, enough to span many TCP segments.
func largeBody() string {
	var b strings.Builder
	for i := 1; i <= 800; i++ {
		fmt.Fprintf(&b, "line %04d: the quick brown fox jumps over the lazy dog 0123456789\n", i)
	}
	return b.String()
}
