package exchange

import (
	"fmt"
	"strings"
)

// An iCloud (and vCard 4.0) export holds its groups as cards of their own
// (X-ADDRESSBOOKSERVER-KIND:group, KIND:group) listing their members by
// UID. A group is not a person: its card is not imported as a client, and
// its name becomes a tag of each of its members in the file.

// vcGroup is what a card says of groups: its UID, whether it is a group,
// and a group's members.
type vcGroup struct {
	uid     string
	group   bool
	members []string
}

// groupProp keeps a card's UID, kind and members.
func (p *Person) groupProp(name, value string) {
	value = strings.TrimSpace(value)
	switch name {
	case "UID":
		p.vc.uid = memberID(value)
	case "KIND", "X-ADDRESSBOOKSERVER-KIND":
		p.vc.group = strings.EqualFold(value, "group")
	case "MEMBER", "X-ADDRESSBOOKSERVER-MEMBER":
		if id := memberID(value); id != "" {
			p.vc.members = append(p.vc.members, id)
		}
	}
}

// memberID is a UID without its "urn:uuid:" and case.
func memberID(v string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(v), "urn:uuid:"), "URN:UUID:"))
}

// groupsAsTags drops the group cards and tags their members with the
// group's name.
func groupsAsTags(people []Person) []Person {
	var out, groups []Person
	for _, p := range people {
		if p.vc.group {
			groups = append(groups, p)
		} else {
			out = append(out, p)
		}
	}
	byUID := map[string]int{}
	for i, p := range out {
		if p.vc.uid != "" {
			byUID[p.vc.uid] = i
		}
	}
	for _, g := range groups {
		name := strings.Join(strings.Fields(g.Client.Name()), " ")
		if name == "" || strings.ContainsAny(name, ",;") {
			continue
		}
		for _, m := range g.vc.members {
			if i, ok := byUID[m]; ok {
				out[i].Client.Tags = append(out[i].Client.Tags, name)
			}
		}
	}
	return out
}

// readAnyway reads a property whose value is not valid in the file's
// text encoding as Windows-1252 (what Outlook and old address books
// write), with a warning naming the card and line; a value that is
// not even that is left out.
func readAnyway(line []byte, n, cardNo int, cause error) (vcProp, error) {
	p, err := parseProp(line, n, "windows-1252")
	if err != nil {
		return vcProp{}, fmt.Errorf("card %d, %v", cardNo, cause)
	}
	p.warning = fmt.Sprintf("card %d, line %d: the %s value is not UTF-8; read as Windows-1252 (%q)", cardNo, n, p.name, p.value)
	return p, nil
}
