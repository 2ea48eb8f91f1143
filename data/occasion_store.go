package data

// DueClient is a client due a note of an occasion, with the reason the
// review shows and, for a make-it-right note, the complaint it answers.
type DueClient struct {
	Client
	Why       string
	Complaint Complaint // set for OccasionSorry
}

// ChannelAny asks DueFor for everyone due, reachable or not: the count
// that explains why a batch lists fewer people than are due.
const ChannelAny Channel = ""

// BirthdayReach is how many days ahead the furthest birthday window
// (post or email) reaches.
func (r OccasionRules) BirthdayReach() int {
	return max(r.BirthdayPostTo, r.BirthdayEmailTo, 0)
}

// Reachable reports whether a client can be written to on a channel, by
// the same rule as the batches' SQL (see reachable); ChannelAny: always.
func Reachable(c Client, ch Channel) bool {
	canEmail := c.Email != "" && c.EmailConsent != ConsentUnsubscribed
	switch ch {
	case ChannelPost:
		return c.Address.Street != "" && c.Address.City != "" && c.PostConsent != ConsentUnsubscribed &&
			!(c.PreferredChannel == ChannelEmail && canEmail)
	case ChannelEmail:
		return canEmail && c.PreferredChannel == ChannelEmail
	}
	return ch == ChannelAny
}

// Clients are the clients of a list of those due, in its order.
func Clients(due []DueClient) []Client {
	out := make([]Client, len(due))
	for i, d := range due {
		out[i] = d.Client
	}
	return out
}
