package exporters

import (
	"bytes"
	"strings"
)

// BeginMarker and EndMarker are the texts of the lines around a managed
// block, after the format's comment prefix ("# " or "// ").
func BeginMarker(name string) string { return "BEGIN setupwiz " + name }

// EndMarker: see BeginMarker.
func EndMarker(name string) string { return "END setupwiz " + name }

// markerLine reports whether line is the comment marker, under any comment prefix.
func markerLine(line, marker string) bool {
	l := strings.TrimSpace(line)
	for _, prefix := range []string{"#", "//"} {
		if rest, ok := strings.CutPrefix(l, prefix); ok && strings.TrimSpace(rest) == marker {
			return true
		}
	}
	return false
}

// blockSpan finds the byte offsets of the BEGIN line's start and the end of
// the END line. A stray BEGIN without an END (a hand edit) is skipped over.
func blockSpan(file []byte, name string) (start, end int, ok bool) {
	start = -1
	for off := 0; off < len(file); {
		next := bytes.IndexByte(file[off:], '\n')
		lineEnd := len(file)
		if next >= 0 {
			lineEnd = off + next + 1
		}
		line := string(file[off:lineEnd])
		switch {
		case markerLine(line, BeginMarker(name)):
			start = off // a later BEGIN wins: an earlier one was left without its END
		case start >= 0 && markerLine(line, EndMarker(name)):
			return start, lineEnd, true
		}
		off = lineEnd
	}
	return 0, 0, false
}

// ExtractBlock returns the lines between the markers of the named block
// (markers excluded), as setupwiz wrote them, and whether the block exists.
func ExtractBlock(file []byte, name string) ([]byte, bool) {
	start, end, ok := blockSpan(file, name)
	if !ok {
		return nil, false
	}
	block := file[start:end]
	first := bytes.IndexByte(block, '\n') + 1
	last := bytes.LastIndexByte(bytes.TrimSuffix(block, []byte("\n")), '\n') + 1
	if last < first {
		return []byte{}, true
	}
	return bytes.Clone(block[first:last]), true
}

// wrapBlock surrounds body (ending in a newline) with the markers.
func wrapBlock(prefix, name string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString(prefix + " " + BeginMarker(name) + "\n")
	b.Write(body)
	b.WriteString(prefix + " " + EndMarker(name) + "\n")
	return b.Bytes()
}

// replaceBlock puts the block in place of the old one, or appends it; every
// line outside the block is kept byte for byte.
func replaceBlock(file []byte, name string, block []byte) []byte {
	if start, end, ok := blockSpan(file, name); ok {
		return bytes.Join([][]byte{file[:start], block, file[end:]}, nil)
	}
	out := bytes.Clone(file)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return append(out, block...)
}

// withoutBlock returns file with the named block (markers included) removed.
func withoutBlock(file []byte, name string) []byte {
	if start, end, ok := blockSpan(file, name); ok {
		return bytes.Join([][]byte{file[:start], file[end:]}, nil)
	}
	return file
}
