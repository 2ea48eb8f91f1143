package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"regulars/internal/clock"

	gomail "github.com/emersion/go-message/mail"
)

// Email is a thank-you to compose: who from and to, the merged subject
// and text, and the business's name and postal address for the footer
// that every email carries.
type Email struct {
	FromName    string
	FromAddress string
	ToName      string
	ToAddress   string
	Subject     string
	Text        string
	Business    string
	Postal      []string // the business's postal address lines
	Date        time.Time
}

// oneLine makes a header value safe: line breaks and other control
// characters become spaces, so no header can be injected.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// messageID makes a new Message-ID on the sender's domain.
func messageID(from string) string {
	domain := "regulars.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at < len(from)-1 {
		domain = from[at+1:]
	}
	var b [12]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s.%d@%s", hex.EncodeToString(b[:]), time.Now().UnixNano(), domain)
}

// Footer is the line under every email: the business's postal address
// and how to stop these emails.
func (e Email) Footer() string {
	var b strings.Builder
	b.WriteString(e.Business)
	if len(e.Postal) > 0 {
		b.WriteString(" · " + strings.Join(e.Postal, ", "))
	}
	fmt.Fprintf(&b, "\nYou receive this because you are a client of %s. Not wanted? Reply “unsubscribe”, or write to %s, and we will not email you again.",
		e.Business, e.FromAddress)
	return b.String()
}

// Compose writes the message: text/plain and text/html alternatives (the
// merged values escaped in the HTML), From, To, Subject, Date, a new
// Message-ID and a List-Unsubscribe header. Names and subjects with
// quotes, commas, accents or line breaks are encoded correctly.
func Compose(e Email) (raw []byte, id string, err error) {
	if _, err := mail.ParseAddress(e.ToAddress); err != nil {
		return nil, "", fmt.Errorf("recipient %q is not an email address", e.ToAddress)
	}
	if strings.TrimSpace(e.FromAddress) == "" {
		return nil, "", fmt.Errorf("no From address is set yet: fill in the email settings (Settings, Email)")
	}
	if _, err := mail.ParseAddress(e.FromAddress); err != nil {
		return nil, "", fmt.Errorf("the From address %q is not an email address (Settings, Email)", e.FromAddress)
	}
	if strings.TrimSpace(e.Business) == "" || len(e.Postal) == 0 {
		return nil, "", fmt.Errorf("the business's name and postal address are required in emails (Settings)")
	}
	if e.Date.IsZero() {
		e.Date = clock.Now()
	}
	id = messageID(e.FromAddress)
	var h gomail.Header
	h.SetDate(e.Date)
	h.SetAddressList("From", []*gomail.Address{{Name: oneLine(e.FromName), Address: oneLine(e.FromAddress)}})
	h.SetAddressList("To", []*gomail.Address{{Name: oneLine(e.ToName), Address: oneLine(e.ToAddress)}})
	h.SetSubject(oneLine(e.Subject))
	h.SetMessageID(id)
	h.Set("List-Unsubscribe", "<mailto:"+oneLine(e.FromAddress)+"?subject=unsubscribe>")
	h.Set("X-Mailer", "Regulars")

	var buf bytes.Buffer
	w, err := gomail.CreateInlineWriter(&buf, h)
	if err != nil {
		return nil, "", fmt.Errorf("compose: %w", err)
	}
	footer := e.Footer()
	parts := []struct {
		ctype string
		body  string
	}{
		{"text/plain", strings.TrimSpace(e.Text) + "\n\n-- \n" + footer + "\n"},
		{"text/html", toHTML(e.Text, footer)},
	}
	for _, p := range parts {
		var ph gomail.InlineHeader
		ph.Set("Content-Type", p.ctype+"; charset=utf-8")
		ph.Set("Content-Transfer-Encoding", "quoted-printable")
		pw, err := w.CreatePart(ph)
		if err != nil {
			return nil, "", fmt.Errorf("compose: %w", err)
		}
		if _, err := pw.Write([]byte(p.body)); err != nil {
			return nil, "", fmt.Errorf("compose: %w", err)
		}
		if err := pw.Close(); err != nil {
			return nil, "", fmt.Errorf("compose: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", fmt.Errorf("compose: %w", err)
	}
	return buf.Bytes(), "<" + id + ">", nil
}

// toHTML turns the text into simple HTML paragraphs, every value escaped.
func toHTML(text, footer string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><body style=\"font-family: Georgia, serif; font-size: 16px; line-height: 1.5; color: #1c264f\">\n")
	for _, par := range strings.Split(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")), "\n\n") {
		lines := strings.Split(strings.TrimSpace(par), "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>\n") + "</p>\n")
	}
	f := strings.Split(footer, "\n")
	for i := range f {
		f[i] = html.EscapeString(f[i])
	}
	b.WriteString("<p style=\"font-size: 12px; color: #777\">" + strings.Join(f, "<br>\n") + "</p>\n</body></html>\n")
	return b.String()
}

// Readable shows a composed message as its reader sees it: From, To and
// Subject decoded, then the plain-text part with its footer. The email
// preview reads the very bytes that will be sent.
func Readable(raw []byte) (string, error) {
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		return "", fmt.Errorf("read the message: %w", err)
	}
	defer r.Close()
	var b strings.Builder
	for _, k := range []string{"From", "To"} {
		list, err := r.Header.AddressList(k)
		if err != nil {
			return "", fmt.Errorf("read the message's %s: %w", k, err)
		}
		for _, a := range list {
			fmt.Fprintf(&b, "%s: %s <%s>\n", k, a.Name, a.Address)
		}
	}
	subject, err := r.Header.Subject()
	if err != nil {
		return "", fmt.Errorf("read the message's subject: %w", err)
	}
	fmt.Fprintf(&b, "Subject: %s\n\n", subject)
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		if h, ok := p.Header.(*gomail.InlineHeader); ok {
			if t, _, _ := h.ContentType(); t == "text/plain" {
				body, err := io.ReadAll(p.Body)
				if err != nil {
					return "", fmt.Errorf("read the message's text: %w", err)
				}
				b.Write(body)
				return b.String(), nil
			}
		}
	}
	return "", fmt.Errorf("the message has no plain-text part")
}
