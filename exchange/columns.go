package exchange

import (
	"fmt"
	"strings"
	"unicode"
)

// Format is the kind of file being imported: the program that wrote it.
type Format string

// The formats Regulars reads.
const (
	FormatAuto      Format = ""
	FormatGoogle    Format = "google"
	FormatOutlook   Format = "outlook"
	FormatSquare    Format = "square"
	FormatFresha    Format = "fresha"
	FormatVagaro    Format = "vagaro"
	FormatPhorest   Format = "phorest"
	FormatTimely    Format = "timely"
	FormatMindbody  Format = "mindbody"
	FormatShopify   Format = "shopify"
	FormatMailchimp Format = "mailchimp"
	FormatCSV       Format = "csv" // any CSV, columns mapped by their names
	FormatVCard     Format = "vcard"
)

// Formats lists the formats a user can name (--format).
var Formats = []Format{FormatGoogle, FormatOutlook, FormatSquare, FormatFresha, FormatVagaro, FormatPhorest,
	FormatTimely, FormatMindbody, FormatShopify, FormatMailchimp, FormatCSV, FormatVCard}

// Title is the format's name as people write it.
func (f Format) Title() string {
	switch f {
	case FormatCSV:
		return "CSV"
	case FormatVCard:
		return "vCard"
	case FormatAuto:
		return "the file"
	}
	return strings.ToUpper(string(f[:1])) + string(f[1:])
}

// Field is a client field a column can fill.
type Field string

// The fields columns map to. Several columns may fill phone (all are
// kept), email (the first filled is the email, the others go to the
// notes), notes, tags and the address parts (the first address with
// something in it is taken whole); the others take their first column.
const (
	FFirst, FLast, FFull, FCompany          Field = "first", "last", "full name", "company"
	FMiddle                                       = Field("middle name")
	FEmail, FPhone                                = Field("email"), Field("phone")
	FStreet, FStreet2, FCity, FRegion             = Field("street"), Field("street line 2"), Field("city"), Field("region")
	FPostal, FCountry, FBirthday                  = Field("postal code"), Field("country"), Field("birthday")
	FNotes, FTags, FEmailConsent                  = Field("notes"), Field("tags"), Field("email consent")
	FSMSConsent, FUnsubscribed, FSubscribed       = Field("sms consent"), Field("unsubscribed on"), Field("subscribed on")
	FVisitCount, FFirstVisit, FLastVisit          = Field("visit count"), Field("first visit"), Field("last visit")
	FChannel, FPostConsent, FDoNotContact         = Field("preferred channel"), Field("post consent"), Field("do not contact")
	FCadenceIdeal, FCadenceMax                    = Field("cadence ideal"), Field("cadence max")
	FIgnore                                       = Field("")
)

// Fields lists the fields a column can be mapped to, for the mapping screen.
var Fields = []Field{FFirst, FMiddle, FLast, FFull, FCompany, FEmail, FPhone, FStreet, FStreet2, FCity, FRegion, FPostal, FCountry,
	FBirthday, FNotes, FTags, FEmailConsent, FSMSConsent, FSubscribed, FUnsubscribed, FVisitCount, FFirstVisit, FLastVisit,
	FChannel, FPostConsent, FDoNotContact, FCadenceIdeal, FCadenceMax}

// manyColumns are the fields several columns may fill.
var manyColumns = map[Field]bool{FEmail: true, FPhone: true, FNotes: true, FTags: true,
	FStreet: true, FStreet2: true, FCity: true, FRegion: true, FPostal: true, FCountry: true}

// Mapping says which field each column fills (FIgnore to skip it).
type Mapping []Field

// synonyms guesses a column's field from its name: lower case, "_" as a
// space, and the numbers of Google's and Outlook's repeated columns made
// 1. The names come from the exporters' own files (Google, Outlook,
// Square, Fresha, Vagaro, Phorest, Timely, Mindbody, Shopify, Mailchimp),
// Regulars' own export and plain spreadsheets in English, Spanish, French
// and German.
var synonyms = map[string]Field{
	// First, last and whole names.
	"first name": FFirst, "given name": FFirst, "firstname": FFirst, "first": FFirst, "forename": FFirst,
	"prénom": FFirst, "prenom": FFirst, "vorname": FFirst, "nombre": FFirst, "nombre de pila": FFirst,
	"middle name": FMiddle, "additional name": FMiddle, "middle": FMiddle, "second name": FMiddle,
	"last name": FLast, "family name": FLast, "surname": FLast, "lastname": FLast, "last": FLast,
	"nom": FLast, "nom de famille": FLast, "nachname": FLast, "familienname": FLast, "apellido": FLast, "apellidos": FLast,
	"name": FFull, "full name": FFull, "display name": FFull, "customer name": FFull, "client": FFull,
	"client name": FFull, "customer": FFull, "contact": FFull, "contact name": FFull, "nombre completo": FFull,
	"nom complet": FFull, "vollständiger name": FFull, "kunde": FFull, "cliente": FFull,
	"company": FCompany, "organization": FCompany, "organization name": FCompany, "organization 1 - name": FCompany,
	"company name": FCompany, "business": FCompany, "business name": FCompany, "default address company": FCompany,
	"firma": FCompany, "société": FCompany, "entreprise": FCompany, "empresa": FCompany, "unternehmen": FCompany,
	// Emails.
	"email": FEmail, "e-mail": FEmail, "email address": FEmail, "e-mail address": FEmail, "e-mail 1 - value": FEmail,
	"email 1 - value": FEmail, "mail": FEmail, "e-mail 1 address": FEmail, "email 1": FEmail, "e-mail 1": FEmail,
	"correo": FEmail, "correo electrónico": FEmail, "correo electronico": FEmail, "courriel": FEmail,
	"adresse e-mail": FEmail, "adresse email": FEmail, "e-mail-adresse": FEmail, "emailadresse": FEmail,
	// Phones: every one is kept.
	"phone": FPhone, "phone number": FPhone, "mobile": FPhone, "mobile phone": FPhone, "mobile number": FPhone,
	"phone 1 - value": FPhone, "telephone": FPhone, "telephone number": FPhone, "cell": FPhone, "cell phone": FPhone,
	"cellphone": FPhone, "mobile phone number": FPhone, "primary phone": FPhone, "home phone": FPhone,
	"home phone 1": FPhone, "business phone": FPhone, "business phone 1": FPhone, "work phone": FPhone,
	"day phone": FPhone, "night phone": FPhone, "evening phone": FPhone, "other phone": FPhone, "car phone": FPhone,
	"company main phone": FPhone, "landline": FPhone, "tel": FPhone, "default address phone": FPhone, "sms": FPhone,
	"phone 1": FPhone, "mobile 1": FPhone,
	"téléphone": FPhone, "tél": FPhone, "tél.": FPhone, "portable": FPhone, "téléphone portable": FPhone,
	"téléphone mobile": FPhone, "numéro de téléphone": FPhone, "teléfono": FPhone, "telefono": FPhone,
	"móvil": FPhone, "movil": FPhone, "celular": FPhone, "teléfono móvil": FPhone, "telefon": FPhone,
	"telefonnummer": FPhone, "handy": FPhone, "mobil": FPhone, "mobiltelefon": FPhone, "festnetz": FPhone,
	"handynummer": FPhone,
	// Addresses: the parts of Google's, Outlook's (home, business, other) and the others'.
	"street": FStreet, "address": FStreet, "street address": FStreet, "address line 1": FStreet, "address 1": FStreet,
	"address1": FStreet, "home street": FStreet, "address 1 - street": FStreet, "business street": FStreet,
	"other street": FStreet, "street address 1": FStreet, "default address address1": FStreet, "address line1": FStreet,
	"physical address": FStreet, "physical address line 1": FStreet, "street 1": FStreet,
	"dirección": FStreet, "direccion": FStreet, "domicilio": FStreet, "calle": FStreet, "adresse": FStreet,
	"rue": FStreet, "straße": FStreet, "strasse": FStreet, "anschrift": FStreet, "straße und hausnummer": FStreet,
	"address line 2": FStreet2, "address 2": FStreet2, "address2": FStreet2, "street address 2": FStreet2,
	"home street 2": FStreet2, "business street 2": FStreet2, "default address address2": FStreet2,
	"apartment/suite": FStreet2, "apartment": FStreet2, "suite": FStreet2, "address line2": FStreet2,
	"physical address line 2": FStreet2, "suburb": FStreet2, "physical suburb": FStreet2, "area": FStreet2,
	"neighbourhood": FStreet2, "neighborhood": FStreet2, "colonia": FStreet2, "barrio": FStreet2, "street 2": FStreet2, "address 1 - extended address": FStreet2,
	"complément d'adresse": FStreet2, "adresszusatz": FStreet2,
	"city": FCity, "town": FCity, "locality": FCity, "home city": FCity, "address 1 - city": FCity,
	"business city": FCity, "other city": FCity, "default address city": FCity, "physical city": FCity,
	"ville": FCity, "stadt": FCity, "ort": FCity, "wohnort": FCity, "ciudad": FCity, "localidad": FCity, "población": FCity,
	"region": FRegion, "state": FRegion, "county": FRegion, "province": FRegion, "home state": FRegion,
	"address 1 - region": FRegion, "business state": FRegion, "other state": FRegion, "default address province code": FRegion,
	"default address province": FRegion, "state/province": FRegion, "provincia": FRegion, "région": FRegion,
	"bundesland": FRegion, "département": FRegion,
	"postal code": FPostal, "zip": FPostal, "zip code": FPostal, "postcode": FPostal, "post code": FPostal,
	"home postal code": FPostal, "address 1 - postal code": FPostal, "business postal code": FPostal,
	"other postal code": FPostal, "default address zip": FPostal, "zipcode": FPostal, "physical postcode": FPostal,
	"code postal": FPostal, "cp": FPostal, "plz": FPostal, "postleitzahl": FPostal, "código postal": FPostal,
	"codigo postal": FPostal,
	"country":       FCountry, "country/region": FCountry, "home country/region": FCountry, "address 1 - country": FCountry,
	"business country/region": FCountry, "other country/region": FCountry, "default address country code": FCountry,
	"default address country": FCountry, "physical country": FCountry, "pays": FCountry, "land": FCountry, "país": FCountry, "pais": FCountry,
	// Birthdays.
	"birthday": FBirthday, "date of birth": FBirthday, "dob": FBirthday, "birth date": FBirthday, "birthdate": FBirthday,
	"date de naissance": FBirthday, "anniversaire": FBirthday, "geburtstag": FBirthday, "geburtsdatum": FBirthday,
	"fecha de nacimiento": FBirthday, "cumpleaños": FBirthday, "cumpleanos": FBirthday,
	// Notes and tags.
	"notes": FNotes, "note": FNotes, "comments": FNotes, "comment": FNotes, "memo": FNotes, "client notes": FNotes,
	"customer notes": FNotes, "notas": FNotes, "nota": FNotes, "observaciones": FNotes, "remarques": FNotes,
	"commentaire": FNotes, "commentaires": FNotes, "notizen": FNotes, "notiz": FNotes, "bemerkungen": FNotes,
	"anmerkungen": FNotes,
	"tags":        FTags, "labels": FTags, "group membership": FTags, "categories": FTags, "groups": FTags, "group": FTags,
	"etiquetas": FTags, "étiquettes": FTags, "etiketten": FTags, "catégories": FTags, "kategorien": FTags,
	// Consent.
	"email subscription status": FEmailConsent, "email consent": FEmailConsent, "subscribed": FEmailConsent,
	"accepts marketing": FEmailConsent, "accepts email marketing": FEmailConsent,
	"accepts marketing notifications": FEmailConsent, "email promotions": FEmailConsent,
	"email marketing consent": FEmailConsent, "email marketing": FEmailConsent, "marketing emails": FEmailConsent,
	"marketing opt-in": FEmailConsent, "email opt-in": FEmailConsent, "email opt in": FEmailConsent,
	"send account notifications by email": FIgnore,
	"accepts sms marketing":               FSMSConsent, "sms marketing consent": FSMSConsent, "sms promotions": FSMSConsent,
	"text message promotions": FSMSConsent, "accepts sms marketing notifications": FSMSConsent,
	"sms consent": FSMSConsent, "sms marketing": FSMSConsent, "text promotions": FSMSConsent,
	"confirm time": FSubscribed, "subscribed on": FSubscribed, "opt-in date": FSubscribed,
	"clean time": FUnsubscribed, "unsub time": FUnsubscribed, "unsubscribed on": FUnsubscribed, "unsubscribed": FUnsubscribed,
	// Visits.
	"transaction count": FVisitCount, "visits": FVisitCount, "visit count": FVisitCount, "number of visits": FVisitCount,
	"total visits": FVisitCount, "total appointments": FVisitCount, "appointments": FVisitCount,
	"first visit": FFirstVisit, "first visit date": FFirstVisit, "first appointment": FFirstVisit,
	"first appointment date": FFirstVisit,
	"last visit":             FLastVisit, "last visit date": FLastVisit, "last appointment": FLastVisit,
	"last appointment date": FLastVisit, "last booking date": FLastVisit, "last booking": FLastVisit,
	// Regulars' own export.
	"preferred channel": FChannel, "post consent": FPostConsent, "do not contact": FDoNotContact,
	"cadence ideal": FCadenceIdeal, "cadence max": FCadenceMax, "other phones": FPhone,
}

// compactSynonyms is synonyms keyed by letters and digits alone, so that
// "MobilePhone", "E_Mail" and "Post-code" are found too.
var compactSynonyms = func() map[string]Field {
	out := map[string]Field{}
	for k, f := range synonyms {
		if c := compactKey(k); c != "" {
			if _, dup := out[c]; !dup {
				out[c] = f
			}
		}
	}
	return out
}()

func compactKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// columnKey is a column name as the synonyms are written.
func columnKey(h string) string {
	key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	key = strings.ReplaceAll(key, "_", " ")
	key = strings.TrimRight(key, " :*")
	return strings.Join(strings.Fields(key), " ")
}

// guessField is the field a column name suggests, if any.
func guessField(h string) (Field, bool) {
	key := columnKey(h)
	if key == "" {
		return FIgnore, false
	}
	if f, ok := synonyms[key]; ok {
		return f, f != FIgnore
	}
	// "E-mail 2 - Value", "Phone 3 - Value", "Home Phone 2".
	k2 := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '1'
		}
		return r
	}, key)
	if f, ok := synonyms[k2]; ok {
		return f, f != FIgnore
	}
	if f, ok := compactSynonyms[compactKey(key)]; ok {
		return f, f != FIgnore
	}
	return FIgnore, false
}

// addressGroup names the address a column belongs to: Outlook writes a
// home, a business and an other address, Google numbered ones.
func addressGroup(h string) string {
	key := columnKey(h)
	for _, p := range []string{"home ", "business ", "other ", "physical ", "default address "} {
		if strings.HasPrefix(key, p) {
			return strings.TrimSpace(p)
		}
	}
	if strings.HasPrefix(key, "address ") && len(key) > 9 && key[8] >= '0' && key[8] <= '9' && strings.Contains(key, " - ") {
		return key[:9] // "address 1", "address 2"
	}
	return ""
}

// Guess maps each column by its name, and says which program the header
// looks like it came from.
func Guess(header []string) (Format, Mapping) {
	m := make(Mapping, len(header))
	used := map[Field]bool{}
	for i, h := range header {
		f, ok := guessField(h)
		if !ok {
			continue
		}
		if manyColumns[f] || !used[f] {
			m[i] = f
			used[f] = true
		}
	}
	f := formatOf(header)
	if f == FormatCSV && !isOwnExport(header) {
		m = homeless(header, m)
	}
	if f == FormatMailchimp {
		// Mailchimp's REGION and CC say where the subscriber's computer
		// was, not their address.
		for i, h := range header {
			if k := columnKey(h); k == "region" || k == "cc" {
				m[i] = FIgnore
			}
		}
	}
	return f, m
}

// formatOf recognises the program that wrote a header.
func formatOf(header []string) Format {
	has := map[string]bool{}
	for _, h := range header {
		has[columnKey(h)] = true
	}
	any := func(keys ...string) bool {
		for _, k := range keys {
			if has[k] {
				return true
			}
		}
		return false
	}
	switch {
	case any("accepts email marketing", "default address address1", "default address zip"):
		return FormatShopify
	case any("member rating", "optin time", "leid", "euid", "confirm time"):
		return FormatMailchimp
	case has["email subscription status"] && any("reference id", "surname", "square customer id", "creation source"):
		return FormatSquare
	case any("email promotions", "text message promotions") || has["cell phone"] && has["day phone"]:
		return FormatVagaro
	case any("accepts marketing notifications", "accepts sms marketing notifications"):
		return FormatFresha
	case has["email marketing consent"] && has["sms marketing consent"] && any("client since", "client id"):
		return FormatPhorest
	case any("physical address line 1", "physical suburb", "physical city", "physical postcode"):
		return FormatTimely
	case has["mobile phone"] && has["work phone"] && has["birth date"] && any("client id", "creation date", "id"):
		return FormatMindbody
	case any("e-mail 1 - value", "given name", "group membership", "phone 1 - value"):
		return FormatGoogle
	case any("e-mail address", "business street", "home street", "e-mail 2 address"):
		return FormatOutlook
	}
	return FormatCSV
}

// describesAnother reports whether a column only describes another one
// (Google's "Phone 1 - Label", Outlook's "E-mail Type" and "E-mail Display
// Name", Google's "Address 1 - Formatted", written from the parts): not
// listed as data left out.
func describesAnother(h string) bool {
	k := columnKey(h)
	switch {
	case strings.HasSuffix(k, " - label"), strings.HasSuffix(k, " - type"), strings.HasSuffix(k, " - formatted"):
		return true
	}
	switch strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, k) {
	case "e-mail type", "e-mail display name", "e-mail  type", "e-mail  display name":
		return true
	}
	return false
}

// Unmapped lists the columns a mapping leaves out that hold something in
// some row, so the review can say "not imported: Mobile Number".
func Unmapped(t *Table, m Mapping) []string {
	var out []string
	for i, h := range t.Header {
		if i < len(m) && m[i] != FIgnore || describesAnother(h) {
			continue
		}
		for _, rec := range t.Rows {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				name := h
				if strings.TrimSpace(name) == "" {
					name = fmt.Sprintf("column %d", i+1)
				}
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// ParseMapping reads a mapping written as "Column=field,Column=field" over
// the guessed one; a field of "-" ignores the column. A column name that
// holds a comma or an equals sign is written in double quotes.
func ParseMapping(header []string, m Mapping, spec string) (Mapping, error) {
	return parseMapping(header, m, spec, Fields)
}

// parseMapping is ParseMapping over a list of fields (a contacts file's
// or a sales export's).
func parseMapping(header []string, m Mapping, spec string, fields []Field) (Mapping, error) {
	out := append(Mapping(nil), m...)
	for len(out) < len(header) {
		out = append(out, FIgnore)
	}
	parts, err := splitSpec(spec)
	if err != nil {
		return nil, err
	}
	for _, part := range parts {
		col, field, ok := cutUnquoted(part)
		if !ok {
			return nil, fmt.Errorf("mapping %q: write Column=field", part)
		}
		col, field = unquote(strings.TrimSpace(col)), strings.TrimSpace(field)
		idx := -1
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), col) {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("mapping: there is no column %q (the columns are: %s)", col, strings.Join(header, ", "))
		}
		if field == "-" {
			out[idx] = FIgnore
			continue
		}
		found := false
		for _, f := range fields {
			if strings.EqualFold(string(f), field) {
				out[idx], found = f, true
			}
		}
		if !found {
			var names []string
			for _, f := range fields {
				names = append(names, string(f))
			}
			return nil, fmt.Errorf("mapping: unknown field %q (the fields are: %s)", field, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// splitSpec splits a --map value at the commas outside double quotes.
func splitSpec(spec string) ([]string, error) {
	var parts []string
	var cur strings.Builder
	quoted := false
	for _, r := range spec {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case r == ',' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	if quoted {
		return nil, fmt.Errorf("mapping %q: a double quote is not closed", spec)
	}
	parts = append(parts, cur.String())
	out := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("mapping %q: write Column=field", spec)
	}
	return out, nil
}

// cutUnquoted cuts s at the last "=" outside double quotes.
func cutUnquoted(s string) (string, string, bool) {
	quoted, at := false, -1
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '=' && !quoted:
			at = i
		}
	}
	if at < 0 {
		return "", "", false
	}
	return s[:at], s[at+1:], true
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}
