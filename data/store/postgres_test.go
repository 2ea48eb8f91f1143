package store

import (
	"database/sql/driver"
	"reflect"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestParseServerAddress(t *testing.T) {
	cases := []struct {
		in, want, err string
		local         bool
	}{
		{in: "postgres://regulars@frontdesk/regulars", want: "postgres://regulars@frontdesk:5432/regulars"},
		{in: "postgresql://ann@127.0.0.1:55432/shop", want: "postgres://ann@127.0.0.1:55432/shop", local: true},
		{in: " postgres://ann@localhost/shop?sslmode=verify-full ", want: "postgres://ann@localhost:5432/shop?sslmode=verify-full", local: true},
		{in: "postgres://ann@[::1]/shop", want: "postgres://ann@[::1]:5432/shop", local: true},
		{in: "postgres://ann:secret@frontdesk/shop", err: "leave the password out"},
		{in: "postgres://ann@frontdesk/", err: "names no database"},
		{in: "postgres://ann@frontdesk/a/b", err: "names no database"},
		{in: "mysql://ann@frontdesk/shop", err: "not a PostgreSQL address"},
		{in: "postgres://ann@::/shop", err: "names no computer"},
		{in: "postgres://ann@front desk/shop", err: "not a PostgreSQL address"},
		{in: "postgres://ann@frontdesk:0/shop", err: "no port"},
		// Parameters that move the connection while the TLS rule and the
		// keyring's password follow the address's own host.
		{in: "postgres://u@localhost:1/book?host=other.example&sslmode=disable", err: "leave host= out"},
		{in: "postgres://u@localhost/book?hostaddr=10.0.0.9", err: "leave hostaddr= out"},
		{in: "postgres://u@localhost/book?port=6000", err: "leave port= out"},
		{in: "postgres://u@localhost/book?user=postgres", err: "leave user= out"},
		{in: "postgres://u@localhost/book?dbname=other", err: "leave dbname= out"},
		{in: "postgres://u@localhost/book?service=shop", err: "leave service= out"},
		{in: "postgres://u@localhost/book?HOST=other", err: "leave HOST= out"},
		{in: "postgres://u@localhost/book?password=secret", err: "regulars password ADDRESS"},
		{in: "postgres://u@localhost/book?sslpassword=secret", err: "keyring"},
		{in: "postgres://u@localhost/book?colour=blue", err: `"colour" is not a parameter Regulars knows`},
		{in: "postgres://u@localhost/book?sslmode=maybe", err: "not a TLS mode"},
		{in: "postgres://u@localhost/book?sslmode=require&sslmode=disable", err: "given twice"},
		{in: "postgres://u@localhost/book?connect_timeout=soon", err: "not a number of seconds"},
		{in: "postgres://u@localhost/book?connect_timeout=3&sslmode=require", want: "postgres://u@localhost:5432/book?sslmode=require", local: true},
	}
	for _, tc := range cases {
		a, err := ParseServerAddress(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "secret") {
				t.Errorf("%q: %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || a.String() != tc.want || a.Local() != tc.local {
			t.Errorf("%q = %q (local %v), %v; want %q (local %v)", tc.in, a.String(), a.Local(), err, tc.want, tc.local)
		}
	}
}

func TestTLSRequiredForAnotherComputer(t *testing.T) {
	keyring.MockInit() // this machine's keyring is not asked
	for _, tc := range []struct {
		addr string
		tls  bool   // the connection must be encrypted
		err  string // refused before connecting
	}{
		{addr: "postgres://ann@frontdesk/shop", tls: true},
		{addr: "postgres://ann@192.168.1.20/shop", tls: true},
		{addr: "postgres://ann@frontdesk/shop?sslmode=disable", err: "over TLS"},
		{addr: "postgres://ann@frontdesk/shop?sslmode=prefer", err: "over TLS"},
		{addr: "postgres://ann@127.0.0.1/shop", tls: false},
		{addr: "postgres://ann@localhost/shop?sslmode=disable", tls: false},
	} {
		a, err := ParseServerAddress(tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		config, err := pgConfig(a)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want %q", tc.addr, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.addr, err)
		}
		if tc.tls {
			if config.TLSConfig == nil {
				t.Errorf("%s: no TLS", tc.addr)
			}
			for _, fb := range config.Fallbacks {
				if fb.TLSConfig == nil {
					t.Errorf("%s: falls back to no TLS", tc.addr)
				}
			}
		}
		if config.ConnectTimeout == 0 {
			t.Errorf("%s: no connect timeout", tc.addr)
		}
	}
}

func TestRebind(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{"SELECT '?' , \"x?\" FROM t WHERE b = ? -- why?\nAND c = ?", "SELECT '?' , \"x?\" FROM t WHERE b = $1 -- why?\nAND c = $2"},
		{"SELECT 'it''s ?' WHERE x = ? /* ? */", "SELECT 'it''s ?' WHERE x = $1 /* ? */"},
		{"SELECT tag FROM t ORDER BY tag COLLATE NOCASE", "SELECT tag FROM t ORDER BY tag "},
		{"WHERE email = ? collate  nocase AND y", "WHERE email = $1  AND y"},
		{"SELECT 'COLLATE NOCASE', collated FROM t", "SELECT 'COLLATE NOCASE', collated FROM t"},
		{"SELECT 1 FROM t WHERE x COLLATE NOCASEY", "SELECT 1 FROM t WHERE x COLLATE NOCASEY"},
	}
	for _, tc := range cases {
		got, _, err := rebind(tc.in, nil)
		if err != nil || got != tc.want {
			t.Errorf("rebind(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	// Named arguments: numbered in the order first used, unused ones left out.
	args := []driver.NamedValue{{Name: "from", Ordinal: 1, Value: "a"}, {Name: "unused", Ordinal: 2, Value: 1}, {Name: "to", Ordinal: 3, Value: "b"}}
	got, out, err := rebind("x >= @to AND y < @from AND z = @to", args)
	if err != nil || got != "x >= $1 AND y < $2 AND z = $1" {
		t.Errorf("named: %q, %v", got, err)
	}
	if want := []driver.NamedValue{{Ordinal: 1, Value: "b"}, {Ordinal: 2, Value: "a"}}; !reflect.DeepEqual(out, want) {
		t.Errorf("named args: %+v", out)
	}
	if _, _, err := rebind("x = @nobody", args); err == nil {
		t.Error("an unknown name was accepted")
	}
}

// FuzzParseServerAddress: whatever is typed in the address field, the
// reader does not panic, and an address it accepts shows no password and
// reads back the same.
func FuzzParseServerAddress(f *testing.F) {
	for _, s := range []string{"postgres://regulars@frontdesk/regulars", "postgresql://a:b@h:1/d?sslmode=require", "postgres://@/", "postgres://x@[::1]:5/d", "postgres://%zz@h/d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseServerAddress(s)
		if err != nil {
			return
		}
		shown := a.String()
		if strings.Contains(shown, ":@") {
			t.Fatalf("%q shows an empty password: %q", s, shown)
		}
		b, err := ParseServerAddress(shown)
		if err != nil {
			t.Fatalf("%q: its own form %q does not read back: %v", s, shown, err)
		}
		if b.String() != shown {
			t.Fatalf("%q: %q reads back as %q", s, shown, b.String())
		}
	})
}
