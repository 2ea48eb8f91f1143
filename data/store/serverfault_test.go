package store

import (
	"errors"
	"fmt"
	"net"
	"regulars/data/postgres"
	"strings"
	"syscall"
	"testing"
)

// TestServerFaultMessages: after the server goes away, every message says
// once, in plain words, why and whether the change was saved: the write's
// own (busyError) does not repeat its clause, and a read that failed
// (the staff of the last visit, read before logging one) is not shown raw.
func TestServerFaultMessages(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	cases := []struct {
		name  string
		err   error
		want  string
		saved int64
	}{
		{"a write", busyError(fmt.Errorf("log visit: %w", reset)), "nothing was saved: the book's server cannot be reached (connection reset by peer); check that the computer with the book is on and try again", 0},
		{"a read before any write", ServerFault(fmt.Errorf("setting last_staff_id: %w", reset), 0), "the book's server cannot be reached (connection reset by peer): nothing was saved; check that the computer with the book is on and try again", 0},
		{"a read after a write", ServerFault(fmt.Errorf("setting last_staff_id: %w", reset), 2), "the book's server cannot be reached (connection reset by peer): what was saved before that is kept, and nothing after it was saved; check that the computer with the book is on and try again", 2},
		{"a full disk", busyError(syscall.ENOSPC), "the disk is full: nothing was saved; free some space on the disk and try again", 0},
	}
	for _, k := range cases {
		msg := k.err.Error()
		if !strings.HasSuffix(msg, k.want) || strings.Count(msg, "cannot be reached") > 1 || strings.Contains(msg, "last_staff_id") || strings.Contains(msg, "read tcp") {
			t.Errorf("%s: %q, want %q", k.name, msg, k.want)
		}
		if !errors.Is(k.err, postgres.ErrUnreachable) && !errors.Is(k.err, ErrDiskFull) {
			t.Errorf("%s: the kind of failure is lost: %v", k.name, k.err)
		}
	}
	// Other errors pass as they are.
	other := errors.New("no client matches \"Ana\"")
	if ServerFault(other, 0) != other {
		t.Error("ServerFault changed an error that is not the server's")
	}
}
