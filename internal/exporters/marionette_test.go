package exporters

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// A minimal Marionette client (the remote protocol Thunderbird shares with
// Firefox): each packet is "<decimal length>:<JSON>"; a command is
// [0, id, name, params] and its answer [1, id, error, result]. The tests use
// it to ask a headless Thunderbird what it loaded, in chrome context.

// startupBound and quitBound only stop a hung Thunderbird; a healthy one
// answers in seconds, and nothing is asserted about the time.
const (
	startupBound = 90 * time.Second
	quitBound    = 60 * time.Second
	commandBound = 60 * time.Second
)

// marionettePrefs make Thunderbird listen on a free port, which it writes
// to <profile>/MarionetteActivePort.
const marionettePrefs = "user_pref(\"marionette.port\", 0);\n"

// headlessTB is a running headless Thunderbird with a Marionette session.
type headlessTB struct {
	t       *testing.T
	cmd     *exec.Cmd
	done    chan error
	output  *tbOutput
	conn    net.Conn
	reader  *bufio.Reader
	lastID  int
	profile string
	stopped bool
}

// startThunderbird starts Thunderbird headless on the profile dir (whose
// prefs.js must contain marionettePrefs) and opens a chrome-context session.
func startThunderbird(t *testing.T, dir string) *headlessTB {
	t.Helper()
	home := t.TempDir()
	tb := &headlessTB{t: t, done: make(chan error, 1), output: &tbOutput{}, profile: dir}
	tb.cmd = exec.Command("thunderbird", "--headless", "--no-remote", "--marionette", "--remote-allow-system-access", "--profile", dir)
	tb.cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TMPDIR=" + home}
	tb.cmd.Stdout, tb.cmd.Stderr = tb.output, tb.output
	if err := tb.cmd.Start(); err != nil {
		t.Fatalf("starting thunderbird: %v", err)
	}
	go func() { tb.done <- tb.cmd.Wait() }()
	t.Cleanup(tb.kill)
	if err := tb.connect(); err != nil {
		t.Fatalf("%v\nThunderbird's output:\n%s", err, tb.output)
	}
	tb.call("WebDriver:NewSession", map[string]any{})
	tb.call("Marionette:SetContext", map[string]any{"value": "chrome"})
	return tb
}

// connect waits for the port file, then reads the server's hello.
func (tb *headlessTB) connect() error {
	port, err := tb.waitForPort()
	if err != nil {
		return err
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", port), 10*time.Second)
	if err != nil {
		return fmt.Errorf("connecting to Marionette on port %s: %w", port, err)
	}
	tb.conn, tb.reader = conn, bufio.NewReader(conn)
	var hello struct{ MarionetteProtocol int }
	if err := tb.readPacket(&hello); err != nil || hello.MarionetteProtocol < 3 {
		return fmt.Errorf("Marionette greeting: %v (protocol %d)", err, hello.MarionetteProtocol)
	}
	return nil
}

// waitForPort polls for MarionetteActivePort; it gives up when Thunderbird exits.
func (tb *headlessTB) waitForPort() (string, error) {
	deadline := time.Now().Add(startupBound)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(filepath.Join(tb.profile, "MarionetteActivePort")); err == nil && len(bytes.TrimSpace(data)) > 0 {
			return string(bytes.TrimSpace(data)), nil
		}
		select {
		case err := <-tb.done:
			tb.done <- err
			return "", fmt.Errorf("thunderbird exited during startup: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return "", fmt.Errorf("thunderbird did not start Marionette within %v", startupBound)
}

// call sends one command and returns its result; a Marionette error fails the test.
func (tb *headlessTB) call(name string, params any) json.RawMessage {
	tb.t.Helper()
	result, err := tb.try(name, params)
	if err != nil {
		tb.t.Fatalf("%s: %v\nThunderbird's output:\n%s", name, err, tb.output)
	}
	return result
}

func (tb *headlessTB) try(name string, params any) (json.RawMessage, error) {
	tb.lastID++
	msg, err := json.Marshal([]any{0, tb.lastID, name, params})
	if err != nil {
		return nil, err
	}
	_ = tb.conn.SetDeadline(time.Now().Add(commandBound))
	if _, err := fmt.Fprintf(tb.conn, "%d:%s", len(msg), msg); err != nil {
		return nil, err
	}
	var answer []json.RawMessage
	if err := tb.readPacket(&answer); err != nil {
		return nil, err
	}
	if len(answer) != 4 || string(answer[2]) != "null" {
		return nil, fmt.Errorf("marionette error: %s", marionetteError(answer))
	}
	return answer[3], nil
}

func (tb *headlessTB) readPacket(v any) error {
	head, err := tb.reader.ReadString(':')
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(strings.TrimSuffix(head, ":"))
	if err != nil || n < 0 || n > 16<<20 {
		return fmt.Errorf("bad Marionette packet length %q", head)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(tb.reader, body); err != nil {
		return err
	}
	return json.Unmarshal(body, v)
}

// script runs an async chrome script: it ends by calling resolve(value)
// (the last argument); a thrown error comes back as {"error": message}.
// The value is decoded into v.
func (tb *headlessTB) script(v any, body string, args ...any) {
	tb.t.Helper()
	wrapped := "const resolve = arguments[arguments.length - 1];\n(async () => {\n" + body +
		"\n})().catch(e => resolve({error: String(e) + (e && e.stack ? '\\n' + e.stack : '')}));"
	if args == nil {
		args = []any{}
	}
	raw := tb.call("WebDriver:ExecuteAsyncScript", map[string]any{"script": wrapped, "args": args, "scriptTimeout": commandBound.Milliseconds()})
	var res struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		tb.t.Fatalf("script result %s: %v", raw, err)
	}
	var failed struct{ Error string }
	if json.Unmarshal(res.Value, &failed) == nil && failed.Error != "" {
		tb.t.Fatalf("the script failed inside Thunderbird: %s", failed.Error)
	}
	if err := json.Unmarshal(res.Value, v); err != nil {
		tb.t.Fatalf("script value %s: %v", res.Value, err)
	}
}

// quit asks Thunderbird to shut down cleanly (it then writes prefs.js) and waits for it.
func (tb *headlessTB) quit() {
	tb.t.Helper()
	_, _ = tb.try("Marionette:Quit", map[string]any{"flags": []string{"eAttemptQuit"}})
	tb.conn.Close()
	select {
	case <-tb.done:
		tb.stopped = true
	case <-time.After(quitBound):
		tb.t.Fatalf("thunderbird did not exit after Marionette:Quit:\n%s", tb.output)
	}
}

// kill stops a Thunderbird the test left running (after a failure).
func (tb *headlessTB) kill() {
	if tb.stopped {
		return
	}
	if tb.conn != nil {
		tb.conn.Close()
	}
	_ = tb.cmd.Process.Kill()
	<-tb.done
	tb.stopped = true
}

// tbOutput collects Thunderbird's stdout and stderr; String leaves out the
// GTK warnings a headless start always prints.
type tbOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *tbOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *tbOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var keep []string
	for _, l := range strings.Split(o.buf.String(), "\n") {
		if strings.TrimSpace(l) != "" && !strings.Contains(l, "Gtk-") && !strings.Contains(l, "WARNING: gtk_") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func marionetteError(answer []json.RawMessage) string {
	var e struct{ Error, Message string }
	if len(answer) == 4 && json.Unmarshal(answer[2], &e) == nil && e.Error != "" {
		return e.Error + ": " + e.Message
	}
	return fmt.Sprintf("unexpected answer %q", answer)
}
