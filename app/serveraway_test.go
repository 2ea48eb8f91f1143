package app

import (
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/clients"
	"regulars/app/widgets/widgettest"
	"regulars/data/postgres"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/pgtest"
)

// cable is a TCP relay between Regulars and the PostgreSQL server that the
// test can unplug and plug back, as a cut network cable would.
type cable struct {
	t      *testing.T
	addr   string // where Regulars connects
	target string // the server
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newCable(t *testing.T, target string) *cable {
	c := &cable{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.addr = ln.Addr().String()
	c.serve(ln)
	t.Cleanup(c.unplug)
	return c
}

func (c *cable) serve(ln net.Listener) {
	c.mu.Lock()
	c.ln = ln
	c.mu.Unlock()
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", c.target)
			if err != nil {
				in.Close()
				continue
			}
			c.mu.Lock()
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
}

// unplug cuts every connection and refuses new ones.
func (c *cable) unplug() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ln != nil {
		c.ln.Close()
		c.ln = nil
	}
	for _, conn := range c.conns {
		conn.Close()
	}
	c.conns = nil
}

// plug listens again on the same address.
func (c *cable) plug() {
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		c.t.Fatal(err)
	}
	c.serve(ln)
}

// bookBehindCable makes a new book on the test server and a cable to it:
// the book's address, the address through the cable, and the cable.
func bookBehindCable(t *testing.T) (addr, viaCable string, wire *cable) {
	addr = pgtest.NewBook(t)
	u, err := url.Parse(addr)
	if err != nil {
		t.Fatal(err)
	}
	wire = newCable(t, u.Host)
	u.Host = wire.addr
	return addr, u.String(), wire
}

// TestServerAwayKeepsTheVisit: the front desk logs a visit while the
// network to the book's server is down. The form says so in plain words
// and keeps everything typed; nothing reaches the book. When the network
// is back, Enter again saves the visit, once.
func TestServerAwayKeepsTheVisit(t *testing.T) {
	addr, viaCable, wire := bookBehindCable(t)
	u, _ := newTestUIOn(t, viaCable, booktest.Clients...)
	direct, err := store.OpenShared(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { direct.Close() })

	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := u.book.Pane.Client.ID
	u.book.Search.TypedShortcut(ctrl(fyne.KeyL))
	f := u.forms.Open.Form.(*clients.VisitForm)
	test.Type(f.What, "Colour and cut")
	test.Type(f.Amount, "82.50")

	wire.unplug()
	f.What.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.forms.Open == nil {
		t.Fatal("the form closed although nothing could be saved")
	}
	if msg := f.Dialog.Message.Text; !strings.Contains(msg, "cannot be reached") || !strings.Contains(msg, "nothing was saved") {
		t.Errorf("the form says %q", msg)
	}
	if f.What.Text != "Colour and cut" || f.Amount.Text != "82.50" {
		t.Errorf("the typed visit was lost: %q %q", f.What.Text, f.Amount.Text)
	}
	if v, _ := direct.Visits(ctx, id, 0); len(v) != 0 {
		t.Fatalf("a visit reached the book: %+v", v)
	}
	if u.forms.Open != f.Dialog {
		t.Fatalf("something covers the visit form: %q", u.lastErr)
	}

	wire.plug()
	deadline := time.Now().Add(10 * time.Second)
	for !f.Dialog.Closed() {
		if time.Now().After(deadline) {
			t.Fatalf("the network is back, yet the form says %q", f.Dialog.Message.Text)
		}
		f.What.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		time.Sleep(200 * time.Millisecond)
	}
	v, _ := direct.Visits(ctx, id, 0)
	if len(v) != 1 || v[0].What != "Colour and cut" || v[0].AmountCents != 8250 {
		t.Errorf("visits after the network came back: %+v", v)
	}
}

// TestWindowWaitsForTheServer: Regulars started while the book's server
// is away shows why and a Try again button, not only Quit; once the
// server is back, Try again opens the book in the same window.
func TestWindowWaitsForTheServer(t *testing.T) {
	_, viaCable, wire := bookBehindCable(t)
	wire.unplug()

	a := test.NewTempApp(t)
	_, openErr := store.Open(viaCable)
	if openErr == nil || !postgres.Unreachable(openErr) || !strings.Contains(openErr.Error(), "does not answer") {
		t.Fatalf("opening an unreachable book: %v", openErr)
	}
	w := Create(a, nil, openErr)
	w.Show()
	t.Cleanup(w.Close)
	retry := widgettest.FindButton(t, w.Content(), "Try again")
	wire.plug()
	test.Tap(retry)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(strings.Join(widgettest.Texts(w.Content()), " "), "Today") {
		drainUI()
		if time.Now().After(deadline) {
			t.Fatalf("the book did not open: %v", widgettest.Texts(w.Content()))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
