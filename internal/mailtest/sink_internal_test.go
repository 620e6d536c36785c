package mailtest

import (
	"bytes"
	"fmt"
	"io"
	"net/smtp"
	"strings"
	"testing"
)

func TestSinkKeepsTheNewestHundred(t *testing.T) {
	k := &Sink{}
	for i := range sinkMaxMessages + 5 {
		k.store(SinkMessage{From: fmt.Sprint(i)})
	}
	got := k.Messages()
	if len(got) != sinkMaxMessages || got[0].From != "5" || got[len(got)-1].From != fmt.Sprint(sinkMaxMessages+4) {
		t.Fatalf("kept %d messages from %s to %s, want the newest %d", len(got), got[0].From, got[len(got)-1].From, sinkMaxMessages)
	}
}

func TestSinkAcceptsMailAndRefusesOversizedData(t *testing.T) {
	k, err := startSink(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer k.close()
	if err := smtp.SendMail(k.Addr(), nil, "a@example.test", []string{"b@example.test", "c@example.test"}, []byte("Subject: hi\r\n\r\nbody\r\n")); err != nil {
		t.Fatalf("send a small message: %v", err)
	}
	got := k.Messages()
	if len(got) != 1 || got[0].From != "a@example.test" || len(got[0].To) != 2 || !bytes.Contains(got[0].Data, []byte("body")) {
		t.Fatalf("sink holds %+v", got)
	}
	big := []byte("Subject: big\r\n\r\n" + strings.Repeat("x", 998) + "\r\n")
	big = bytes.Repeat(big, sinkMaxBytes/len(big)+2)
	if err := smtp.SendMail(k.Addr(), nil, "a@example.test", []string{"b@example.test"}, big); err == nil || !strings.Contains(err.Error(), "552") {
		t.Fatalf("oversized message: err = %v, want a 552 refusal", err)
	}
	if n := len(k.Messages()); n != 1 {
		t.Fatalf("sink holds %d messages after the refused one, want 1", n)
	}
}
