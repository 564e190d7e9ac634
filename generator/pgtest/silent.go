package pgtest

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgproto3"
)

// SilentDSN returns the DSN of a local server that accepts connections and
// never answers, the way a hung database or a black-holed port behaves.
func SilentDSN(t testing.TB) string {
	t.Helper()
	ln := listen(t, func(c net.Conn) {
		_, _ = io.Copy(io.Discard, c) // read until the client hangs up
	})
	return dsnFor(ln)
}

// MuteServer completes PostgreSQL's startup exchange and then never
// answers a query: a proxy waiting for a backend, or a network path that
// died after connecting. Params holds the startup parameters of the last
// connection.
type MuteServer struct {
	DSN    string
	mu     sync.Mutex
	params map[string]string
}

// Params returns the startup parameters the last client sent.
func (m *MuteServer) Params() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.params
}

// Mute starts a MuteServer for the test.
func Mute(t testing.TB) *MuteServer {
	t.Helper()
	m := &MuteServer{}
	ln := listen(t, func(c net.Conn) {
		be := pgproto3.NewBackend(c, c)
		msg, err := be.ReceiveStartupMessage()
		if sslOrGSS(msg) {
			_, _ = c.Write([]byte{'N'}) // no TLS: go on in plain text
			msg, err = be.ReceiveStartupMessage()
		}
		start, ok := msg.(*pgproto3.StartupMessage)
		if err != nil || !ok {
			return
		}
		m.mu.Lock()
		m.params = start.Parameters
		m.mu.Unlock()
		be.Send(&pgproto3.AuthenticationOk{})
		be.Send(&pgproto3.ParameterStatus{Name: "server_version", Value: "15.0"})
		be.Send(&pgproto3.BackendKeyData{ProcessID: 1, SecretKey: []byte{0, 0, 0, 1}})
		be.Send(&pgproto3.ReadyForQuery{TxStatus: 'I'})
		if be.Flush() != nil {
			return
		}
		_, _ = io.Copy(io.Discard, c) // every query goes unanswered
	})
	m.DSN = dsnFor(ln)
	return m
}

func sslOrGSS(msg pgproto3.FrontendMessage) bool {
	switch msg.(type) {
	case *pgproto3.SSLRequest, *pgproto3.GSSEncRequest:
		return true
	}
	return false
}

// listen serves each connection with serve until the test ends.
func listen(t testing.TB, serve func(net.Conn)) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	closed := false
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				c.Close()
				return
			}
			conns = append(conns, c)
			wg.Add(1)
			mu.Unlock()
			go func() {
				defer wg.Done()
				serve(c)
			}()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		closed = true
		ln.Close()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln
}

func dsnFor(ln net.Listener) string {
	return fmt.Sprintf("postgres://asyncgen@%s/registry?sslmode=disable", ln.Addr())
}
