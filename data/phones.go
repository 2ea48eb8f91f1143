package data

import (
	"fmt"
	"strings"
)

// MaxOtherPhones bounds the other phones one client keeps.
const MaxOtherPhones = 10

// Phones returns every phone of the client: the main one first, then the
// others, without empty ones.
func (c Client) Phones() []string {
	var out []string
	if p := strings.TrimSpace(c.Phone); p != "" {
		out = append(out, p)
	}
	for _, p := range c.OtherPhones {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// AddPhone gives the client a phone it does not have yet (the same digits
// written another way count as had): the main phone when there is none,
// else one of the others. It reports whether the phone was added.
func (c *Client) AddPhone(p string) bool {
	p = strings.Join(strings.Fields(p), " ")
	if p == "" {
		return false
	}
	for _, have := range c.Phones() {
		if samePhone(have, p) {
			return false
		}
	}
	if strings.TrimSpace(c.Phone) == "" {
		c.Phone = p
		return true
	}
	c.OtherPhones = append(c.OtherPhones, p)
	return true
}

// samePhone reports whether two numbers are one: the same last nine digits
// (so "+44 7700 900123" and "07700 900123" agree), or the same digits when
// shorter.
func samePhone(a, b string) bool {
	ka, kb := phoneKey(a), phoneKey(b)
	if ka == "" || kb == "" {
		return PhoneDigits(a) == PhoneDigits(b) && PhoneDigits(a) != ""
	}
	return ka == kb
}

// normalizeOtherPhones trims the other phones and drops empty ones and
// those the client already has.
func (c *Client) normalizeOtherPhones() {
	var out []string
	for _, p := range c.OtherPhones {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" || samePhone(p, c.Phone) {
			continue
		}
		dup := false
		for _, have := range out {
			dup = dup || samePhone(have, p) || have == p
		}
		if !dup {
			out = append(out, p)
		}
	}
	c.OtherPhones = out
}

// checkOtherPhones returns a message for each other phone that is not a
// phone number.
func (c *Client) checkOtherPhones() []string {
	c.normalizeOtherPhones()
	var out []string
	if len(c.OtherPhones) > MaxOtherPhones {
		out = append(out, fmt.Sprintf("A client keeps at most %d other phones, not %d", MaxOtherPhones, len(c.OtherPhones)))
	}
	for _, p := range c.OtherPhones {
		if msg := CheckPhone(p); msg != "" {
			out = append(out, msg)
		}
	}
	return out
}

// PhoneKeys returns the matching keys of every phone of the client.
func PhoneKeys(c Client) []string {
	var out []string
	for _, p := range c.Phones() {
		if k := phoneKey(p); k != "" {
			out = append(out, k)
		}
	}
	return out
}
