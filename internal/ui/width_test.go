package ui

import (
	"strconv"

	"charm.land/lipgloss/v2"
)

func lipglossWidth(s string) int { return lipgloss.Width(s) }

func fmtInt(n int) string { return strconv.Itoa(n) }
