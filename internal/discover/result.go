package discover

import (
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Source names where a candidate came from. Constants are in priority order.
type Source string

const (
	SourcePreset     Source = "preset"
	SourceAutoconfig Source = "autoconfig"
	SourceISPDB      Source = "ispdb"
	SourceSRV        Source = "srv"
	SourceMX         Source = "mx"
	SourceGuess      Source = "guess"
)

// Sources lists every source in priority order, best first.
func Sources() []Source {
	return []Source{SourcePreset, SourceAutoconfig, SourceISPDB, SourceSRV, SourceMX, SourceGuess}
}

// Candidate is one server setting worth trying.
type Candidate struct {
	// Server has the username already filled in from the source's placeholder.
	Server profile.Server `json:"server"`
	Source Source         `json:"source"`
	// Trusted is true when the path was authenticated: the embedded table, or
	// HTTPS all the way. SRV, MX, plain HTTP and guesses are not.
	Trusted bool     `json:"trusted"`
	URL     string   `json:"url,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	// POP holds POP3 options the source recommends (autoconfig <pop3>, presets); nil when it said nothing.
	POP *POPHints `json:"pop,omitempty"`
}

// POPHints are the POP3 behaviour settings a source recommends. Nil fields were not given.
type POPHints struct {
	LeaveOnServer        *bool `json:"leave_on_server,omitempty"`
	KeepDays             *int  `json:"keep_days,omitempty"`
	DownloadOnBiff       *bool `json:"download_on_biff,omitempty"`
	CheckIntervalMinutes *int  `json:"check_interval_minutes,omitempty"`
}

// Apply overlays the hints on o.
func (h *POPHints) Apply(o profile.POPOptions) profile.POPOptions {
	if h == nil {
		return o
	}
	if h.LeaveOnServer != nil {
		o.LeaveOnServer = *h.LeaveOnServer
	}
	if h.KeepDays != nil && o.LeaveOnServer {
		o.KeepDays = *h.KeepDays
	}
	if h.CheckIntervalMinutes != nil {
		o.CheckIntervalMinutes = *h.CheckIntervalMinutes
	}
	return o
}

// SourceState is where one source is.
type SourceState string

const (
	StatePending  SourceState = "pending"
	StateFound    SourceState = "found"
	StateNone     SourceState = "none"
	StateError    SourceState = "error"
	StateSkipped  SourceState = "skipped"
	StateCanceled SourceState = "canceled"
)

// SourceReport is one source's state, for the live list in the UI and the final report.
type SourceReport struct {
	Source   Source        `json:"source"`
	State    SourceState   `json:"state"`
	Duration time.Duration `json:"duration_ns"`
	Detail   string        `json:"detail,omitempty"`
}

// Result is what discovery found for one address.
type Result struct {
	Email string `json:"email"`
	// Provider is a display name when known ("Spectrum", "Gmail").
	Provider string `json:"provider,omitempty"`
	// POP3 and SMTP are ordered, best first.
	POP3 []Candidate `json:"pop3"`
	SMTP []Candidate `json:"smtp"`
	// Winner is the source that decided (the POP3 decision, or SMTP's when POP3 has none).
	Winner Source `json:"winner,omitempty"`
	// Sources has one report per source, in priority order.
	Sources []SourceReport `json:"sources"`
	// Notes are provider policy notes.
	Notes []string `json:"notes,omitempty"`
	// POPNotOffered is true when the provider offers no POP3 at all (iCloud).
	POPNotOffered bool `json:"pop_not_offered,omitempty"`
	// Duration is the wall time of the whole run.
	Duration time.Duration `json:"duration_ns"`
}

// Complete reports whether there is at least one candidate for each service.
func (r Result) Complete() bool { return len(r.POP3) > 0 && len(r.SMTP) > 0 }
