package main

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestEndAfterInterruptExits130: a run that does not return after the
// interrupt is ended by the watchdog with 130, after the terminal was put back.
func TestEndAfterInterruptExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	restored, exited := make(chan struct{}), make(chan int, 1)
	var stderr bytes.Buffer
	finished := endAfterInterrupt(ctx, time.Millisecond, func() { close(restored) }, &stderr, func(code int) { exited <- code })
	defer finished()
	cancel()
	if code := <-exited; code != 130 {
		t.Errorf("exit(%d), want 130", code)
	}
	select {
	case <-restored:
	default:
		t.Error("the terminal was not restored before exiting")
	}
	if !bytes.Contains(stderr.Bytes(), []byte("setupwiz: interrupted")) {
		t.Errorf("stderr: %q", stderr.String())
	}
}
