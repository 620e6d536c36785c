package oauth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// maxStrayRequests bounds how many requests without the right state the
// loopback server answers before it gives up: something else is talking to it.
const maxStrayRequests = 20

// callback is the one-request loopback server of RFC 8252 §7.3: it listens
// on the loopback interface only, on a port the system picks, and accepts
// the first redirect that carries the state it was started with.
type callback struct {
	host   string // as written in the redirect URI
	port   int
	state  string
	srv    *http.Server
	once   sync.Once
	result chan callbackResult
	mu     sync.Mutex
	stray  int
}

type callbackResult struct {
	code string
	err  error
}

// listenCallback starts the server. With host "localhost" it also listens on
// ::1 (same port), where a browser may resolve that name first.
func listenCallback(host string) (*callback, error) {
	if host == "" {
		host = "127.0.0.1"
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on 127.0.0.1 for the sign-in redirect: %w", err)
	}
	cb := &callback{host: host, port: ln.Addr().(*net.TCPAddr).Port, state: oauth2.GenerateVerifier(), result: make(chan callbackResult, 1)}
	cb.srv = &http.Server{Handler: cb, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 20 * time.Second,
		WriteTimeout: 20 * time.Second, IdleTimeout: 20 * time.Second, MaxHeaderBytes: 16 << 10}
	go cb.srv.Serve(ln)
	if host == "localhost" {
		if ln6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(cb.port))); err == nil {
			go cb.srv.Serve(ln6)
		}
	}
	return cb, nil
}

// redirect is the redirect_uri to send: http://HOST:PORT/.
func (cb *callback) redirect() string {
	return "http://" + net.JoinHostPort(cb.host, strconv.Itoa(cb.port)) + "/"
}

// wait returns the authorization code, or why there is none.
func (cb *callback) wait(ctx context.Context) (string, error) {
	select {
	case r := <-cb.result:
		return r.code, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (cb *callback) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = cb.srv.Shutdown(ctx)
}

func (cb *callback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.Method != http.MethodGet || r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(cb.state)) != 1 {
		cb.strayRequest(w)
		return
	}
	res := callbackResult{code: q.Get("code")}
	if e := q.Get("error"); e != "" || res.code == "" {
		res = callbackResult{err: &oauth2.RetrieveError{ErrorCode: e, ErrorDescription: q.Get("error_description")}}
	}
	first := false
	cb.once.Do(func() { first = true; cb.result <- res })
	if !first {
		http.Error(w, "This sign-in was already used. Return to setupwiz.", http.StatusGone)
		return
	}
	page(w, res.err)
}

// strayRequest answers a request without the right state; too many end the wait.
func (cb *callback) strayRequest(w http.ResponseWriter) {
	http.Error(w, "This is not the sign-in setupwiz started.", http.StatusBadRequest)
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if cb.stray++; cb.stray == maxStrayRequests {
		cb.once.Do(func() {
			cb.result <- callbackResult{err: errors.New("the loopback address got many requests that were not the sign-in; stopped waiting")}
		})
	}
}

// page tells the person in the browser what happened and where to go next.
func page(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	msg := "Signed in. You can close this window and return to setupwiz."
	if err != nil {
		w.WriteHeader(http.StatusForbidden)
		msg = "The sign-in did not finish: " + describe(err) + ". Return to setupwiz."
	}
	fmt.Fprintf(w, "<!doctype html><title>setupwiz</title><p>%s</p>\n", html.EscapeString(msg))
}
