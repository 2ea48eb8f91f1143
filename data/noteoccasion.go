package data

// CanReceive reports whether a client can get a note on a channel at
// all, whatever they prefer: post needs a postal address (street and
// city) and no "unsubscribed" from post; email an email address and no
// "unsubscribed" from email. Nobody marked "do not contact" or in the
// trash can.
func CanReceive(c Client, ch Channel) bool {
	if c.DoNotContact || c.Deleted() {
		return false
	}
	switch ch {
	case ChannelPost:
		return c.Address.Street != "" && c.Address.City != "" && c.PostConsent != ConsentUnsubscribed
	case ChannelEmail:
		return c.Email != "" && c.EmailConsent != ConsentUnsubscribed
	}
	return false
}

// NoteChannels are the channels a note to the client can go by, the one
// they prefer first; none when they can get no note at all.
func NoteChannels(c Client) []Channel {
	var out []Channel
	for _, ch := range []Channel{ChannelPost, ChannelEmail} {
		if CanReceive(c, ch) {
			out = append(out, ch)
		}
	}
	if len(out) == 2 && c.PreferredChannel == ChannelEmail {
		out[0], out[1] = out[1], out[0]
	}
	return out
}
