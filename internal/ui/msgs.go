package ui

import (
	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Messages of background jobs. Each carries the attempt (or sequence) number it
// belongs to; a screen drops messages of attempts it has abandoned.

type discoverEventMsg struct {
	attempt int
	report  discover.SourceReport
}

type discoverDoneMsg struct {
	attempt int
	result  discover.Result
	err     error
}

type verifyEventMsg struct {
	attempt int
	event   verify.Event
}

type verifyDoneMsg struct {
	attempt int
	result  verify.Result
}

// planDoneMsg is the plan of one export target.
type planDoneMsg struct {
	seq    int
	target string
	plans  []exporters.Plan
	err    error
}

type applyDoneMsg struct {
	records []profile.ExportRecord
	backups []string
	err     error
}
