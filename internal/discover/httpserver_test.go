package discover_test

import (
	"crypto/x509"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// testWeb is a local HTTPS server standing in for provider autoconfig hosts
// and the ISPDB. Paths: /ac/<domain>/mail/config-v1.1.xml (autoconfig.<d>),
// /wk/<domain>/.well-known/autoconfig/mail/config-v1.1.xml, /v1.1/<domain> (ISPDB).
type testWeb struct {
	*httptest.Server
	Roots *x509.CertPool

	mu     sync.Mutex
	docs   map[string]string          // path → XML
	hang   map[string]bool            // path → never answer (until the client gives up)
	waitOn map[string]<-chan struct{} // path → answer only after this closes
	served map[string]chan struct{}   // path → closed once answered
	closed map[string]bool
	hits   []string
}

func newTestWeb(t testing.TB) *testWeb {
	t.Helper()
	w := &testWeb{docs: map[string]string{}, hang: map[string]bool{}, waitOn: map[string]<-chan struct{}{}, served: map[string]chan struct{}{}, closed: map[string]bool{}}
	w.Server = httptest.NewUnstartedServer(http.HandlerFunc(w.serve))
	w.Config.ErrorLog = log.New(io.Discard, "", 0) // rejected test certificates are expected
	w.StartTLS()
	t.Cleanup(w.Close)
	w.Roots = x509.NewCertPool()
	w.Roots.AddCert(w.Certificate())
	return w
}

func (w *testWeb) serve(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.hits = append(w.hits, r.URL.RequestURI())
	doc, ok := w.docs[r.URL.Path]
	hang, wait := w.hang[r.URL.Path], w.waitOn[r.URL.Path]
	w.mu.Unlock()
	if hang {
		<-r.Context().Done()
		return
	}
	if wait != nil {
		select {
		case <-wait:
		case <-r.Context().Done():
			return
		}
	}
	defer w.markServed(r.URL.Path)
	if !ok {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", "text/xml; charset=utf-8")
	rw.Write([]byte(doc))
}

func (w *testWeb) markServed(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed[path] {
		w.closed[path] = true
		close(w.servedChan(path))
	}
}

func (w *testWeb) servedChan(path string) chan struct{} {
	ch := w.served[path]
	if ch == nil {
		ch = make(chan struct{})
		w.served[path] = ch
	}
	return ch
}

// Served returns a channel closed once path has been answered (first time).
func (w *testWeb) Served(path string) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.servedChan(path)
}

func (w *testWeb) Set(path, doc string) { w.mu.Lock(); w.docs[path] = doc; w.mu.Unlock() }
func (w *testWeb) Hang(path string)     { w.mu.Lock(); w.hang[path] = true; w.mu.Unlock() }
func (w *testWeb) Unhang(path string)   { w.mu.Lock(); delete(w.hang, path); w.mu.Unlock() }

// WaitFor holds path's answer until ch is closed.
func (w *testWeb) WaitFor(path string, ch <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waitOn[path] = ch
}

func (w *testWeb) Hits() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.hits...)
}

func acPath(domain string) string { return "/ac/" + domain + "/mail/config-v1.1.xml" }
func wkPath(domain string) string {
	return "/wk/" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml"
}
func dbPath(domain string) string { return "/v1.1/" + domain }
func (w *testWeb) ISPDB() string  { return w.URL + "/v1.1/" }
func (w *testWeb) AutoconfigHTTPS(domain string) []string {
	return []string{w.URL + acPath(domain), w.URL + wkPath(domain)}
}

func hitsContain(hits []string, s string) bool {
	for _, h := range hits {
		if strings.Contains(h, s) {
			return true
		}
	}
	return false
}
