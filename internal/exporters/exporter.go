package exporters

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Exporter writes one client's configuration for a profile.
type Exporter interface {
	Name() string
	Export(w io.Writer, p profile.Profile, o Options) error
}

// Target names, as used by --format and in ExportRecord.Target.
const (
	TargetThunderbird           = "thunderbird"
	TargetThunderbirdAutoconfig = "thunderbird-autoconfig"
	TargetMutt                  = "mutt"
	TargetFetchmail             = "fetchmail"
	TargetMobileConfig          = "mobileconfig"
)

// Formats returns every exporter, in the order they are listed to users.
func Formats() []Exporter {
	return []Exporter{Thunderbird(), ThunderbirdAutoconfig(), Mutt(), Fetchmail(), MobileConfig()}
}

// Lookup returns the exporter for a target name.
func Lookup(name string) (Exporter, error) {
	var names []string
	for _, e := range Formats() {
		if e.Name() == name {
			return e, nil
		}
		names = append(names, e.Name())
	}
	return nil, fmt.Errorf("unknown export format %q: use one of %s", name, strings.Join(names, ", "))
}

// funcExporter adapts a function to Exporter.
type funcExporter struct {
	name string
	fn   func(w io.Writer, p profile.Profile, o Options) error
}

func (f funcExporter) Name() string { return f.name }

func (f funcExporter) Export(w io.Writer, p profile.Profile, o Options) error { return f.fn(w, p, o) }
