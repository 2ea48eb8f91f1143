package letters

import (
	"testing"
)

// The fuzzers below feed the readers of outside files and text with
// arbitrary input; `make test` runs each for a few seconds. None may
// panic, and what they accept must then print.

func FuzzReadable(f *testing.F) {
	f.Add([]byte("From: Shop <shop@example.com>\r\nTo: Ana <ana@example.com>\r\nSubject: Thanks\r\nContent-Type: text/plain\r\n\r\nThank you!\r\n"))
	f.Add([]byte("Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--\r\n"))
	f.Add([]byte("Subject: =?utf-8?q?=E2=82=AC?=\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		Readable(raw)
	})
}

func FuzzOwnWords(f *testing.F) {
	f.Add([]byte("From: Ana <ana@example.com>\r\nSubject: Re: Thanks\r\nContent-Type: text/plain\r\n\r\nSee you soon!\r\n\r\nOn 3 May, Shop wrote:\r\n> Thank you\r\n"))
	f.Add([]byte("Content-Type: text/html\r\n\r\n<p>Hi<br>there</p><blockquote>x</blockquote>"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nMerci =E0 vous\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		own, err := ownWords(raw)
		if err == nil && len(own) > len(raw)+64<<10 {
			t.Errorf("own words longer than the message")
		}
	})
}
