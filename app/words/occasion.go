package words

import (
	"strings"

	"regulars/data"
)

// Occasion names an occasion before "card" or "email", capitalised
// ("Birthday card"); the other occasion has no word and gives "".
func Occasion(o data.Occasion) string {
	if o == "" || o == data.OccasionOther {
		return ""
	}
	r := []rune(o.Words())
	if len(r) == 0 {
		return ""
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
