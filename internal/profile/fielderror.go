package profile

import "strings"

// FieldError says which field is wrong and why.
type FieldError struct {
	Field string // dotted path such as "incoming.port"
	Msg   string // what is wrong, phrased to follow the field name
}

func (e FieldError) Error() string { return e.Field + " " + e.Msg }

// FieldErrors collects every problem found by a validation.
type FieldErrors []FieldError

func (e *FieldErrors) add(field, msg string) { *e = append(*e, FieldError{Field: field, Msg: msg}) }

func (e FieldErrors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Error()
	}
	return strings.Join(parts, "; ")
}

// Has reports whether a problem was recorded for field.
func (e FieldErrors) Has(field string) bool {
	for _, fe := range e {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// orNil returns nil when there are no errors, so callers can return it as an error.
func (e FieldErrors) orNil() error {
	if len(e) == 0 {
		return nil
	}
	return e
}
