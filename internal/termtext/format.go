package termtext

import (
	"fmt"
	"io"
	"reflect"
)

// Sprintf is fmt.Sprintf for rendering: the format is ours and kept as it is,
// every argument that is text (a string, []byte, []string, an error, a
// non-numeric fmt.Stringer or a named string type) is passed through Line
// first. Numbers and numeric Stringers (durations, enums) are left to fmt.
func Sprintf(format string, args ...any) string {
	return fmt.Sprintf(format, safeArgs(args)...)
}

// Fprintf is Sprintf written to w.
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	return fmt.Fprintf(w, format, safeArgs(args)...)
}

func safeArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = safeArg(a)
	}
	return out
}

func safeArg(a any) any {
	switch v := a.(type) {
	case nil:
		return nil
	case string:
		return Line(v)
	case []byte:
		return Line(string(v))
	case []string:
		safe := make([]string, len(v))
		for i, s := range v {
			safe[i] = Line(s)
		}
		return safe
	case error:
		return Line(v.Error())
	case fmt.Stringer:
		if isNumber(reflect.ValueOf(a)) {
			return a
		}
		return Line(v.String())
	}
	if rv := reflect.ValueOf(a); rv.Kind() == reflect.String {
		return Line(rv.String())
	}
	return a
}

func isNumber(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}
