package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxConfigSize bounds a config-v1.1.xml document. Real ones are a few KiB.
const MaxConfigSize = 1 << 20

// ErrConfig is wrapped by every error ParseConfig returns.
var ErrConfig = errors.New("invalid autoconfig document")

// The xml* types mirror the document; only what we use is declared.
type xmlClientConfig struct {
	XMLName  xml.Name          `xml:"clientConfig"`
	Provider *xmlEmailProvider `xml:"emailProvider"`
	Enable   *xmlEnable        `xml:"enable"` // some files put it at top level
}

type xmlEmailProvider struct {
	ID            string      `xml:"id,attr"`
	Domains       []string    `xml:"domain"`
	DisplayName   string      `xml:"displayName"`
	ShortName     string      `xml:"displayShortName"`
	Incoming      []xmlServer `xml:"incomingServer"`
	Outgoing      []xmlServer `xml:"outgoingServer"`
	Enable        *xmlEnable  `xml:"enable"`
	Documentation []xmlDoc    `xml:"documentation"`
}

type xmlServer struct {
	Type       string   `xml:"type,attr"`
	Hostname   string   `xml:"hostname"`
	Port       string   `xml:"port"`
	SocketType string   `xml:"socketType"`
	Username   string   `xml:"username"`
	Auth       []string `xml:"authentication"`
	POP3       *xmlPOP3 `xml:"pop3"`
}

type xmlPOP3 struct {
	Leave          string `xml:"leaveMessagesOnServer"`
	Days           string `xml:"daysToLeaveMessagesOnServer"`
	DownloadOnBiff string `xml:"downloadOnBiff"`
	CheckInterval  *struct {
		Minutes string `xml:"minutes,attr"`
	} `xml:"checkInterval"`
}

type xmlEnable struct {
	VisitURL     string `xml:"visiturl,attr"`
	Instructions []struct {
		Lang string `xml:"lang,attr"`
		Text string `xml:",chardata"`
	} `xml:"instruction"`
}

type xmlDoc struct {
	URL string `xml:"url,attr"`
}

// ParseConfig reads a config-v1.1.xml document. It refuses documents over
// MaxConfigSize, any DOCTYPE (so no entity tricks), undefined entities,
// encodings other than UTF-8/ASCII/Latin-1, and documents without an
// <emailProvider>. Servers with unusable values are kept raw here; Candidates
// filters them.
func ParseConfig(r io.Reader) (*Config, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading: %v", ErrConfig, err)
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrConfig, MaxConfigSize)
	}
	var doc xmlClientConfig
	if err := decodeStrict(data, &doc); err != nil {
		return nil, err
	}
	if doc.Provider == nil {
		return nil, fmt.Errorf("%w: no <emailProvider> element", ErrConfig)
	}
	return doc.config(), nil
}

// decodeStrict decodes the root element after checking that no DOCTYPE or
// other directive precedes it.
func decodeStrict(data []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = charsetReader
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrConfig, xmlErrorText(err))
		}
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("%w: DOCTYPE and other directives are not accepted", ErrConfig)
		case xml.StartElement:
			if t.Name.Local != "clientConfig" {
				return fmt.Errorf("%w: root element is <%s>, want <clientConfig>", ErrConfig, t.Name.Local)
			}
			if err := d.DecodeElement(v, &t); err != nil {
				return fmt.Errorf("%w: %v", ErrConfig, xmlErrorText(err))
			}
			return nil
		}
	}
}

func xmlErrorText(err error) string {
	if errors.Is(err, io.EOF) {
		return "no root element (empty or truncated document)"
	}
	return err.Error()
}

func (x *xmlClientConfig) config() *Config {
	p := x.Provider
	c := &Config{
		ProviderID:       strings.TrimSpace(p.ID),
		DisplayName:      strings.TrimSpace(p.DisplayName),
		DisplayShortName: strings.TrimSpace(p.ShortName),
		Domains:          trimAll(p.Domains),
	}
	for _, s := range p.Incoming {
		c.Incoming = append(c.Incoming, s.server())
	}
	for _, s := range p.Outgoing {
		c.Outgoing = append(c.Outgoing, s.server())
	}
	for _, d := range p.Documentation {
		if u := strings.TrimSpace(d.URL); u != "" {
			c.Documentation = append(c.Documentation, u)
		}
	}
	c.Enable = firstEnable(p.Enable, x.Enable)
	return c
}

func (s xmlServer) server() ServerConfig {
	port, err := strconv.Atoi(strings.TrimSpace(s.Port))
	if err != nil {
		port = 0
	}
	return ServerConfig{
		Type:       strings.ToLower(strings.TrimSpace(s.Type)),
		Hostname:   strings.TrimSpace(s.Hostname),
		Port:       port,
		SocketType: strings.TrimSpace(s.SocketType),
		Username:   strings.TrimSpace(s.Username),
		Auth:       trimAll(s.Auth),
		POP3:       s.POP3.hints(),
	}
}

func (p *xmlPOP3) hints() *POPHints {
	if p == nil {
		return nil
	}
	h := &POPHints{LeaveOnServer: parseBool(p.Leave), KeepDays: parseInt(p.Days), DownloadOnBiff: parseBool(p.DownloadOnBiff)}
	if p.CheckInterval != nil {
		h.CheckIntervalMinutes = parseInt(p.CheckInterval.Minutes)
	}
	return h
}

func firstEnable(es ...*xmlEnable) *EnableHint {
	for _, e := range es {
		if e == nil {
			continue
		}
		h := &EnableHint{VisitURL: strings.TrimSpace(e.VisitURL)}
		for _, in := range e.Instructions {
			text := strings.Join(strings.Fields(in.Text), " ")
			if in.Lang == "" || strings.HasPrefix(in.Lang, "en") {
				h.Instructions = append([]string{text}, h.Instructions...)
			} else {
				h.Instructions = append(h.Instructions, text)
			}
		}
		return h
	}
	return nil
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func parseBool(s string) *bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		v := true
		return &v
	case "false", "0", "no":
		v := false
		return &v
	}
	return nil
}

func parseInt(s string) *int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 100000 {
		return nil
	}
	return &n
}
