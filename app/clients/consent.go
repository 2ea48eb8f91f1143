package clients

import "regulars/data"

// What a client said about being written to, in plain words, as the
// client form offers it and the client pane shows it.
const (
	consentUnknownWords      = "Not asked yet"
	consentSubscribedWords   = "Yes, happy to hear from us"
	consentUnsubscribedWords = "No, asked not to"
)

// consentOptions are the answers the client form offers.
var consentOptions = []string{consentUnknownWords, consentSubscribedWords, consentUnsubscribedWords}

// consentWords says a consent in plain words.
func consentWords(c data.Consent) string {
	switch c {
	case data.ConsentSubscribed:
		return consentSubscribedWords
	case data.ConsentUnsubscribed:
		return consentUnsubscribedWords
	}
	return consentUnknownWords
}

// consentOf reads a consent chosen in words.
func consentOf(words string) data.Consent {
	switch words {
	case consentSubscribedWords:
		return data.ConsentSubscribed
	case consentUnsubscribedWords:
		return data.ConsentUnsubscribed
	}
	return data.ConsentUnknown
}

// consentShort says a consent briefly, for the client pane: "not asked
// yet", "yes", "asked not to".
func consentShort(c data.Consent) string {
	switch c {
	case data.ConsentSubscribed:
		return "yes"
	case data.ConsentUnsubscribed:
		return "asked not to"
	}
	return "not asked yet"
}
