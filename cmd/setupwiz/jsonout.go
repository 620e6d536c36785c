package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// writeJSON prints v as an indented JSON document for programs. It may
// still end up on a terminal: encoding/json escapes C0 controls but lets C1
// and bidirectional controls through, so termtext.JSON escapes those too
// (the document decodes to the same values).
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("writing the JSON document: %w", err)
	}
	if _, err := w.Write(append(termtext.JSON(b), '\n')); err != nil {
		return fmt.Errorf("writing the JSON document: %w", err)
	}
	return nil
}
