package importers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxPlistDepth bounds nesting so hostile input cannot exhaust the stack.
const maxPlistDepth = 32

// plistDict is a decoded <dict>; values are string, int64, bool, plistDict or []any.
type plistDict map[string]any

// parsePlist decodes an XML property list whose root is a <dict>. Dates,
// reals and data come back as their text. encoding/xml does not fetch the
// DOCTYPE's DTD nor expand external entities.
func parsePlist(data []byte) (plistDict, error) {
	d := xml.NewDecoder(strings.NewReader(string(data)))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("not a property list: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "dict" {
			v, err := plistDictBody(d, 1)
			if err != nil {
				return nil, fmt.Errorf("malformed property list: %w", err)
			}
			return v, nil
		}
	}
}

// plistValue decodes the element se (already read) and its content.
func plistValue(d *xml.Decoder, se xml.StartElement, depth int) (any, error) {
	if depth > maxPlistDepth {
		return nil, errors.New("nested too deeply")
	}
	switch se.Name.Local {
	case "dict":
		return plistDictBody(d, depth+1)
	case "array":
		return plistArrayBody(d, depth+1)
	case "true", "false":
		return se.Name.Local == "true", d.Skip()
	case "integer":
		return plistInteger(d)
	case "string", "date", "real", "data":
		return plistText(d)
	}
	return nil, fmt.Errorf("unknown element <%s>", se.Name.Local)
}

func plistInteger(d *xml.Decoder) (any, error) {
	s, err := plistText(d)
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("<integer>%s</integer> is not a number", s)
	}
	return n, nil
}

// plistText reads character data up to the end element, bounded by the input size.
func plistText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.EndElement:
			return b.String(), nil
		case xml.StartElement:
			return "", fmt.Errorf("unexpected <%s> inside a value", t.Name.Local)
		}
	}
}

// plistDictBody reads <key>k</key><value/> pairs up to </dict>.
func plistDictBody(d *xml.Decoder, depth int) (plistDict, error) {
	out := plistDict{}
	key := ""
	haveKey := false
	for {
		se, end, err := nextElement(d)
		if err != nil || end {
			if haveKey && err == nil {
				err = fmt.Errorf("key %q has no value", key)
			}
			return out, err
		}
		if !haveKey {
			if se.Name.Local != "key" {
				return nil, fmt.Errorf("<%s> where a <key> was expected", se.Name.Local)
			}
			key, err = plistText(d)
			haveKey = err == nil
			continue
		}
		if out[key], err = plistValue(d, se, depth); err != nil {
			return nil, err
		}
		haveKey = false
	}
}

func plistArrayBody(d *xml.Decoder, depth int) ([]any, error) {
	var out []any
	for {
		se, end, err := nextElement(d)
		if err != nil || end {
			return out, err
		}
		v, err := plistValue(d, se, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// nextElement returns the next start element, or end=true at the enclosing end element.
func nextElement(d *xml.Decoder) (xml.StartElement, bool, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.StartElement{}, false, io.ErrUnexpectedEOF
		}
		if err != nil {
			return xml.StartElement{}, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, false, nil
		case xml.EndElement:
			return xml.StartElement{}, true, nil
		}
	}
}
