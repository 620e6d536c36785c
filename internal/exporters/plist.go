package exporters

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// plistEntry is one key of a plist dict; value is a string, int, bool,
// plistData, []plistEntry (a nested dict) or [][]plistEntry (an array of dicts).
type plistEntry struct {
	key   string
	value any
}

// plistData is a plist <data> value (base64 in the XML).
type plistData []byte

const plistHead = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`

// renderPlist writes an XML property list whose root is the dict d.
func renderPlist(d []plistEntry) string {
	var b strings.Builder
	b.WriteString(plistHead)
	writePlistDict(&b, d, "")
	b.WriteString("</plist>\n")
	return b.String()
}

func writePlistDict(b *strings.Builder, d []plistEntry, indent string) {
	b.WriteString(indent + "<dict>\n")
	for _, e := range d {
		fmt.Fprintf(b, "%s\t<key>%s</key>\n", indent, xmlText(e.key))
		writePlistValue(b, e.value, indent+"\t")
	}
	b.WriteString(indent + "</dict>\n")
}

func writePlistValue(b *strings.Builder, v any, indent string) {
	switch x := v.(type) {
	case string:
		b.WriteString(indent + "<string>" + xmlText(x) + "</string>\n")
	case int:
		fmt.Fprintf(b, "%s<integer>%d</integer>\n", indent, x)
	case bool:
		fmt.Fprintf(b, "%s<%t/>\n", indent, x)
	case plistData:
		b.WriteString(indent + "<data>" + base64.StdEncoding.EncodeToString(x) + "</data>\n")
	case []plistEntry:
		writePlistDict(b, x, indent)
	case [][]plistEntry:
		b.WriteString(indent + "<array>\n")
		for _, d := range x {
			writePlistDict(b, d, indent+"\t")
		}
		b.WriteString(indent + "</array>\n")
	default:
		panic(fmt.Sprintf("exporters: unsupported plist value %T", v))
	}
}
