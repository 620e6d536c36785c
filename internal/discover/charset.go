package discover

import (
	"fmt"
	"io"
	"strings"
)

// charsetReader accepts the encodings real provider files declare.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		return latin1Reader{in}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// latin1Reader converts ISO-8859-1 bytes to UTF-8.
type latin1Reader struct{ r io.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	buf := make([]byte, len(p)/2)
	n, err := l.r.Read(buf)
	out := p[:0]
	for _, b := range buf[:n] {
		out = appendLatin1(out, b)
	}
	return len(out), err
}

func appendLatin1(out []byte, b byte) []byte {
	if b < 0x80 {
		return append(out, b)
	}
	return append(out, 0xC0|b>>6, 0x80|b&0x3F)
}
