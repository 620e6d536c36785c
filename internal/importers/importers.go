package importers

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// MaxInput bounds how much of a file an importer reads.
const MaxInput = 8 << 20

// The formats Import understands.
const (
	FormatFetchmail    = "fetchmail"
	FormatMutt         = "mutt"
	FormatThunderbird  = "thunderbird"
	FormatMobileConfig = "mobileconfig"
)

// parser turns a whole file into accounts.
type parser func(data []byte) ([]profile.Profile, error)

var parsers = map[string]parser{
	FormatFetchmail:    parseFetchmail,
	FormatMutt:         parseMutt,
	FormatThunderbird:  parseThunderbird,
	FormatMobileConfig: parseMobileConfig,
}

// Formats lists the format names Import accepts, sorted.
func Formats() []string {
	out := make([]string, 0, len(parsers))
	for f := range parsers {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Import reads every POP3 account from r, in the given format. Each
// returned profile passes profile.Validate; an account that cannot be made
// valid is reported in the error (with the others still returned).
func Import(format string, r io.Reader) ([]profile.Profile, error) {
	parse, ok := parsers[format]
	if !ok {
		return nil, fmt.Errorf("unknown import format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	data, err := readBounded(r)
	if err != nil {
		return nil, fmt.Errorf("reading the %s file: %w", format, err)
	}
	ps, err := parse(data)
	if err != nil {
		err = fmt.Errorf("%s: %w", format, err)
	} else if len(ps) == 0 {
		err = fmt.Errorf("%s: no POP3 account found in the file", format)
	}
	return ps, err
}

func readBounded(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, err
	}
	if n > MaxInput {
		return nil, fmt.Errorf("the file is larger than %d MiB: not a client configuration", MaxInput>>20)
	}
	return buf.Bytes(), nil
}

// io64k bounds a small config read (profiles.ini) to 64 KiB.
func io64k(r io.Reader) io.Reader { return io.LimitReader(r, 64<<10) }
