package data

// MergeFieldChoice is a merge field (or a small rule) as a template
// editor offers it: its name in plain words and the text it inserts.
type MergeFieldChoice struct {
	Label  string // e.g. "First name"
	Insert string // e.g. "{{.FirstName}}"
}

// MergeFieldChoices are the fields a template can use in plain words,
// every field of MergeFields once, then the rules people use most.
var MergeFieldChoices = []MergeFieldChoice{
	{"First name", "{{.FirstName}}"},
	{"Last name", "{{.LastName}}"},
	{"Full name", "{{.FullName}}"},
	{"Last visit (date)", "{{.LastVisit}}"},
	{"What they had at the last visit", "{{.LastVisitWhat}}"},
	{"Staff member of the last visit", "{{.Staff}}"},
	{"Business name", "{{.Business}}"},
	{"Number of visits", "{{.Visits}}"},
	{"Client since (month and year)", "{{.ClientSince}}"},
	{"What went wrong (make-it-right notes)", "{{.Complaint}}"},
	{"How it was put right (make-it-right notes)", "{{.Resolution}}"},
	{"Who signs the note", "{{.SignedBy}}"},
	{"Only for returning clients…", "{{if gt .Visits 1}}Lovely to see you again!{{end}}"},
	{"Only when the staff member is known…", "{{if .Staff}}{{.Staff}} sends their best.{{end}}"},
}
