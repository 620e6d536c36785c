package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestVerifyScripts runs testdata/verify/*.txtar against the real binary and
// the shared Dovecot. Ports and the CA file come in as environment variables;
// the password files are written by setup (0600), never put in argv.
func TestVerifyScripts(t *testing.T) {
	srv := mailtest.Shared(t)
	bin := setupwizBinary(t)
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/verify",
		Setup: func(env *testscript.Env) error { return scriptEnv(env, srv, bin) },
		Cmds:  map[string]func(*testscript.TestScript, bool, []string){"status": cmdStatus},
	})
}

func scriptEnv(env *testscript.Env, srv *mailtest.Server, bin string) error {
	binDir := filepath.Join(env.WorkDir, ".bin")
	if err := os.Mkdir(binDir, 0o700); err != nil {
		return err
	}
	if err := os.Symlink(bin, filepath.Join(binDir, "setupwiz")); err != nil {
		return err
	}
	env.Setenv("PATH", binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	vars := map[string]int{"POP3S": srv.POP3S, "POP3STLS": srv.POP3STLS, "SUBMISSIONS": srv.Submissions,
		"SUBMISSION": srv.SubmissionSTARTTLS}
	for k, v := range vars {
		env.Setenv(k, strconv.Itoa(v))
	}
	env.Setenv("HOST", srv.Host)
	env.Setenv("CAFILE", srv.CAFile)
	env.Setenv("ALICE_PASSWORD", srv.User("alice").Password)
	files := map[string]string{"alice.pw": srv.User("alice").Password, "bob.pw": srv.User("bob").Password,
		"wrong.pw": "wrong-" + srv.User("alice").Password, "empty.pw": ""}
	for name, pw := range files {
		if err := os.WriteFile(filepath.Join(env.WorkDir, name), []byte(pw+"\n"), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// cmdStatus is `status N prog args...`: run prog and require exit status N.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("running %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// TestVerifySendTestBinary: `--send-test` through the real binary submits one
// message (seen by the harness sink, which Dovecot relays to) whose
// Message-ID is the one the JSON document reports.
func TestVerifySendTestBinary(t *testing.T) {
	srv := mailtest.Shared(t)
	bin := setupwizBinary(t)
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte(srv.User("alice").Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "verify", "--json", "--send-test", "--only", "smtp", "--email", "alice@example.test",
		"--smtp-host", srv.Host, "--smtp-port", strconv.Itoa(srv.Submissions), "--ca-file", srv.CAFile, "--password-file", pw)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("setupwiz: %v\n%s", err, out)
	}
	var doc struct {
		OK       bool
		SendTest struct {
			OK        bool
			MessageID string `json:"message_id"`
			Arrived   bool
		} `json:"send_test"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !doc.OK || !doc.SendTest.OK || doc.SendTest.Arrived || doc.SendTest.MessageID == "" {
		t.Fatalf("document: %s", out)
	}
	for _, m := range srv.Sink.Messages() {
		if bytes.Contains(m.Data, []byte("Message-ID: "+doc.SendTest.MessageID)) {
			return
		}
	}
	t.Fatalf("the sink has no message %s", doc.SendTest.MessageID)
}
