package mail

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zalando/go-keyring"
)

// keyringService is the name passwords are kept under in the OS keyring.
const keyringService = "Regulars"

// SavePassword keeps a mail password in the OS keyring (never in the book
// or a file). kind is "smtp" or "imap".
func SavePassword(kind, user, password string) error {
	if err := keyring.Set(keyringService, kind+":"+user, password); err != nil {
		return fmt.Errorf("no keyring service answers on this computer (%v); the password can only be used for this session", err)
	}
	return nil
}

// LoadPassword reads a mail password from the OS keyring.
func LoadPassword(kind, user string) (string, error) {
	p, err := keyring.Get(keyringService, kind+":"+user)
	if err != nil {
		return "", &PasswordNeeded{Kind: kind, User: user, NoKeyring: !errors.Is(err, keyring.ErrNotFound), Why: err}
	}
	return p, nil
}

// PasswordNeeded says a server's password was neither typed for this
// session nor found in the OS keyring: the window asks for it, the
// command line names the variable to set.
type PasswordNeeded struct {
	Kind, User string // "smtp" or "imap", and the account
	NoKeyring  bool   // no keyring service answers (rather than: nothing saved yet)
	Why        error
}

// Error says which password is needed, and why it is not at hand.
func (e *PasswordNeeded) Error() string {
	if e.NoKeyring {
		return fmt.Sprintf("the %s password for %s is needed: no keyring service answers on this computer to keep it (%v)", strings.ToUpper(e.Kind), e.User, e.Why)
	}
	return fmt.Sprintf("the %s password for %s is needed: none is saved yet", strings.ToUpper(e.Kind), e.User)
}
