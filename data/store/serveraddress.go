package store

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/zalando/go-keyring"
)

// A book on a PostgreSQL server is named by its address,
// postgres://user@host[:port]/database. The password is never part of the
// address Regulars keeps: it comes from $PGPASSWORD, the user's pgpass file
// or the system keyring (SavePostgresPassword). Connections to another
// computer must use TLS; a server on this computer may be reached without.

// keyringService is the name the book's password is kept under in the
// system keyring (the mail passwords share it, under other keys).
const keyringService = "Regulars"

// IsServerBook reports whether name is the address of a book on a
// PostgreSQL server rather than a file.
func IsServerBook(name string) bool {
	l := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// ServerAddress is a PostgreSQL book's address as Regulars shows and keeps
// it: postgres://user@host:port/database, with no password and no options
// but sslmode.
type ServerAddress struct {
	User, Host, Port, Database string
	SSLMode                    string // "" for the default
	query                      url.Values
}

// ParseServerAddress reads a postgres:// address. It refuses an address
// that carries a password (which would end up in settings and shell
// history) and one without a database name.
func ParseServerAddress(addr string) (ServerAddress, error) {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return ServerAddress{}, fmt.Errorf("%q is not a PostgreSQL address (like postgres://regulars@frontdesk/regulars)", addr)
	}
	if _, has := u.User.Password(); has {
		return ServerAddress{}, errors.New("leave the password out of the address: Regulars takes it from the keyring (regulars password ADDRESS), $PGPASSWORD or ~/.pgpass, and never stores it with the book")
	}
	a := ServerAddress{User: u.User.Username(), Host: u.Hostname(), Port: u.Port(), Database: strings.TrimPrefix(u.Path, "/"), query: u.Query()}
	if a.Host == "" {
		a.Host = "localhost"
	}
	if a.Port == "" {
		a.Port = "5432"
	}
	if !validHost(a.Host) {
		return ServerAddress{}, fmt.Errorf("%q names no computer Regulars can reach: give its name or address (an IPv6 address in brackets, like postgres://regulars@[fd00::20]/regulars)", addr)
	}
	if n, err := strconv.Atoi(a.Port); err != nil || n < 1 || n > 65535 {
		return ServerAddress{}, fmt.Errorf("%q has no port Regulars can use (PostgreSQL's is 5432)", addr)
	}
	if a.Database == "" || strings.Contains(a.Database, "/") {
		return ServerAddress{}, fmt.Errorf("%q names no database: add it after the host, like postgres://regulars@frontdesk/regulars", addr)
	}
	if a.User == "" {
		a.User = os.Getenv("PGUSER")
	}
	if a.User == "" {
		return ServerAddress{}, fmt.Errorf("%q names no user: put it before the host, like postgres://regulars@frontdesk/regulars", addr)
	}
	if err := checkAddressQuery(a.query); err != nil {
		return ServerAddress{}, err
	}
	a.SSLMode = a.query.Get("sslmode")
	return a, nil
}

// The parameters an address may carry after "?": TLS and how long to wait.
// The others are refused, each with why: those that would send the
// connection (and the password kept for the address's own host) somewhere
// else, a password, and any other name.
var (
	addressParams  = map[string]bool{"sslmode": true, "sslrootcert": true, "sslcert": true, "sslkey": true, "connect_timeout": true, "application_name": true}
	sslModes       = map[string]bool{"disable": true, "allow": true, "prefer": true, "require": true, "verify-ca": true, "verify-full": true}
	redirectParams = map[string]bool{"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "service": true, "servicefile": true, "target_session_attrs": true}
	passwordParams = map[string]bool{"password": true, "sslpassword": true, "passfile": true}
)

// checkAddressQuery refuses the parameters of an address that Regulars
// does not take (see addressParams), saying why and what to write.
func checkAddressQuery(q url.Values) error {
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		switch {
		case passwordParams[strings.ToLower(k)]:
			return fmt.Errorf("leave %s= out of the address: it would show in the list of running programs and in shell history. Keep the password in the keyring with: regulars password ADDRESS (or use $PGPASSWORD or ~/.pgpass)", k)
		case redirectParams[strings.ToLower(k)]:
			return fmt.Errorf("leave %s= out of the address: the computer, port, user and database are written in the address itself (postgres://USER@HOST:PORT/DATABASE), so that its TLS rule and its password go to that server only", k)
		case !addressParams[k]:
			return fmt.Errorf("%q is not a parameter Regulars knows in a server address; it knows sslmode, sslrootcert, sslcert, sslkey, connect_timeout and application_name", k)
		}
		if len(q[k]) > 1 {
			return fmt.Errorf("%s= is given twice in the address; give it once", k)
		}
	}
	if m := q.Get("sslmode"); q.Has("sslmode") && !sslModes[m] {
		return fmt.Errorf("sslmode=%s is not a TLS mode PostgreSQL knows (disable, allow, prefer, require, verify-ca or verify-full)", m)
	}
	if t := q.Get("connect_timeout"); t != "" {
		if n, err := strconv.Atoi(t); err != nil || n < 0 {
			return fmt.Errorf("connect_timeout=%s is not a number of seconds", t)
		}
	}
	return nil
}

// String is the address without a password.
func (a ServerAddress) String() string {
	u := url.URL{Scheme: "postgres", User: url.User(a.User), Host: net.JoinHostPort(a.Host, a.Port), Path: "/" + a.Database}
	if a.SSLMode != "" {
		u.RawQuery = "sslmode=" + url.QueryEscape(a.SSLMode)
	}
	return u.String()
}

// keyringKey names the book's password in the keyring.
func (a ServerAddress) keyringKey() string {
	return "postgres:" + a.User + "@" + net.JoinHostPort(a.Host, a.Port) + "/" + a.Database
}

// Local reports whether the server is this computer, where TLS is not
// needed: a Unix socket, a loopback address, or this computer's own name.
func (a ServerAddress) Local() bool {
	h := strings.ToLower(a.Host)
	if strings.HasPrefix(h, "/") || h == "localhost" {
		return true
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback()
	}
	if name, err := os.Hostname(); err == nil && strings.EqualFold(name, h) {
		return true
	}
	return false
}

// SavePostgresPassword keeps the password of a PostgreSQL book in the
// system keyring, so that neither the address nor a settings file holds it.
func SavePostgresPassword(addr, password string) error {
	a, err := ParseServerAddress(addr)
	if err != nil {
		return err
	}
	if err := keyring.Set(keyringService, a.keyringKey(), password); err != nil {
		return fmt.Errorf("no keyring service answers on this computer (%v); use $PGPASSWORD or ~/.pgpass instead", err)
	}
	return nil
}

// pgConfig turns the address into pgx's configuration: the password from
// $PGPASSWORD, pgpass or the keyring, TLS required unless the server is
// this computer, and a short connect timeout so that an unreachable
// server is told quickly.
func pgConfig(a ServerAddress) (*pgx.ConnConfig, error) {
	q := url.Values{}
	for k, v := range a.query {
		q[k] = v
	}
	switch a.SSLMode {
	case "":
		if !a.Local() {
			q.Set("sslmode", "require")
		}
	case "disable", "allow", "prefer":
		if !a.Local() {
			return nil, fmt.Errorf("%s is another computer, so the book must be reached over TLS: remove sslmode=%s from the address (turn on ssl in the server's postgresql.conf)", a.Host, a.SSLMode)
		}
	}
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "5")
	}
	if q.Get("application_name") == "" {
		q.Set("application_name", "Regulars")
	}
	u := url.URL{Scheme: "postgres", User: url.User(a.User), Host: net.JoinHostPort(a.Host, a.Port), Path: "/" + a.Database, RawQuery: q.Encode()}
	config, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("read the address %s: %w", a, err)
	}
	if config.Password == "" {
		if p, err := keyring.Get(keyringService, a.keyringKey()); err == nil {
			config.Password = p
		}
	}
	return config, nil
}

// redactAddress removes a password from an address for messages.
func redactAddress(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return "the address given"
	}
	return u.Redacted()
}

// validHost reports whether h is an IP address or a computer's name
// (letters, digits, dots, hyphens and underscores).
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
