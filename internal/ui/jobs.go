package ui

import tea "charm.land/bubbletea/v2"

// jobMsg carries one message of a background job to Update, together with the
// job's channel so Update can ask for the next one.
type jobMsg struct {
	ch  chan tea.Msg
	msg tea.Msg
}

// startJob runs work in its own goroutine. work may call send for progress
// (never blocking: when the buffer is full the update is dropped) and returns
// its final message. Every message reaches Update as a jobMsg, in order; the
// stream is drained to the end even if the attempt was abandoned, so the
// goroutine always finishes.
func startJob(work func(send func(tea.Msg)) tea.Msg) tea.Cmd {
	ch := make(chan tea.Msg, 256)
	go func() {
		final := work(func(m tea.Msg) {
			select {
			case ch <- m:
			default:
			}
		})
		ch <- final
		close(ch)
	}()
	return nextJobMsg(ch)
}

// nextJobMsg waits for the job's next message; nil when the job has finished.
func nextJobMsg(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		m, ok := <-ch
		if !ok {
			return nil
		}
		return jobMsg{ch: ch, msg: m}
	}
}
