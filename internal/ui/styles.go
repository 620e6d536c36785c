package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles are the few looks the wizard uses, picked for a dark or light background.
// With NO_COLOR the program downsamples to no colour; bold and faint remain.
type styles struct {
	header, title, label, subtle, ok, bad, warn, accent, focus, key, errText lipgloss.Style
	isDark                                                                   bool
}

func newStyles(isDark bool) styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5B3CC4"), lipgloss.Color("#A78BFA"))
	green := ld(lipgloss.Color("#1F7A1F"), lipgloss.Color("#6EE7A0"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8A80"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FFD37A"))
	faint := ld(lipgloss.Color("#666666"), lipgloss.Color("#9A9A9A"))
	return styles{
		header:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		title:   lipgloss.NewStyle().Bold(true),
		label:   lipgloss.NewStyle().Foreground(faint),
		subtle:  lipgloss.NewStyle().Foreground(faint),
		ok:      fg(green),
		bad:     fg(red),
		warn:    fg(amber),
		accent:  fg(accent),
		focus:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		key:     lipgloss.NewStyle().Bold(true),
		errText: fg(red),
		isDark:  isDark,
	}
}

func fg(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
