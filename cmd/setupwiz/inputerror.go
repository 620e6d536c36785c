package main

import (
	"context"
	"errors"

	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/ui"
)

// isInputError reports whether err is about something the user gave
// setupwiz to read (a file, a password line, line mode's answers that ended
// too soon): exit status 2, like a usage error. An interrupted read is not
// one: it ends with 130.
func isInputError(err error) bool {
	var ie *input.Error
	var ended *ui.InputEndedError
	return errors.As(err, &ie) && !errors.Is(err, context.Canceled) || errors.As(err, &ended)
}
