package data

import (
	"time"
)

// ClientStanding is a client with their keep-in-touch standing on a day.
type ClientStanding struct {
	ClientSummary
	Standing
	LastContactKind ContactKind
	Birthday        Birthday
	BirthdayIn      int       // days to the next birthday (with Birthday set)
	BirthdayOn      time.Time // the day of the next birthday
}

// MonthCount is the number of visits in one calendar month.
type MonthCount struct {
	Month  time.Time // the first day of the month
	Visits int
}

// Dashboard is the "Today" picture of the book on one day: whom to thank,
// who is drifting away, promised call-backs, open complaints, birthdays,
// and the figures of the chart. Each list holds the most urgent
// DashboardRows clients; the counts say how many there are in all.
type Dashboard struct {
	AsOf        time.Time
	ThankYouDue []ClientStanding // due a thank-you (ThanksDue); latest visit first
	// Overdue are those due a we-miss-you (the batch's rule: past their
	// maximum days since last heard from, within a year, not written to
	// since, reachable); those who matter most first.
	Overdue       []ClientStanding
	Due           []ClientStanding // past the ideal days; longest silence first
	Birthdays     []ClientStanding // due a birthday note now (the batch's rule), soonest first
	FollowUps     []FollowUp       // open and due within the next 7 days or late, soonest first
	LateFollowUps int              // of FollowUps, those past their day
	Complaints    []Complaint      // open, oldest first

	ThankYouDueCount, OverdueCount, DueCount int

	VisitsByMonth []MonthCount // the last 12 months, oldest first, ending with the month of AsOf
	Active        int          // clients whose last visit is within their maximum days
	Lapsed        int          // clients who visited once but not within their maximum days
	Clients       int          // clients not in the trash
}

// DashboardRows is how many clients each dashboard list holds at most.
const DashboardRows = 300

// BirthdayWindow is how many days ahead the dashboard lists birthdays.
const BirthdayWindow = 7

// FollowUpWindow is how many days ahead the dashboard lists follow-ups.
const FollowUpWindow = 7
