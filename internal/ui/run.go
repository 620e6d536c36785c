package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run starts the wizard on cfg.In/cfg.Out (a terminal; cmd checks that first)
// and returns what was set up. ctrl+c anywhere returns ErrAborted after
// cancelling all work in flight; nothing is half-written because the
// exporter's Apply is atomic and only runs on the export screen's enter.
func Run(ctx context.Context, cfg Config) (Outcome, error) {
	if cfg.Accessible {
		return RunLines(ctx, cfg)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := newWizard(ctx, cfg)
	_, err := tea.NewProgram(w, programOptions(ctx, cfg)...).Run()
	w.cancelAll()
	switch {
	case w.aborted, errors.Is(err, tea.ErrProgramKilled), errors.Is(err, tea.ErrInterrupted):
		return Outcome{}, ErrAborted
	case err != nil:
		return Outcome{}, err
	}
	if w.s.out.RepairName == "" {
		printDone(cfg.Out, w.s, w.width)
	}
	return w.s.out, nil
}

func programOptions(ctx context.Context, cfg Config) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(cfg.In), tea.WithOutput(cfg.Out)}
	if cfg.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if cfg.Width > 0 && cfg.Height > 0 {
		opts = append(opts, tea.WithWindowSize(cfg.Width, cfg.Height))
	}
	return opts
}
