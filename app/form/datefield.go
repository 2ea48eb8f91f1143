package form

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/internal/clock"
)

// DayLayout is how a chosen day is written in a date field; it reads back
// as it is written.
const DayLayout = "2006-01-02"

// TimeLayout is how a day and a time of day are shown and typed.
const TimeLayout = "2006-01-02 15:04"

// dateHint is the placeholder of a date field: the forms people type.
func dateHint() string {
	short := "27/11"
	if data.LocaleDayOrder() == data.MonthFirst {
		short = "11/27"
	}
	return "e.g. fri, tomorrow, +1w, " + short
}

// NewDateField is a one-line field for a day, typed the way people say it
// (fri, friday, tomorrow, +1w, 27/11 in the locale's order, 2026-11-27) or
// picked on a calendar from its button.
func NewDateField(w *Window, day time.Time) *Field {
	return NewWhenField(w, day, false)
}

// NewWhenField is a date field that also takes a time of day ("yesterday
// 15:30") when withTime is set; the calendar keeps the time typed.
func NewWhenField(w *Window, day time.Time, withTime bool) *Field {
	hint := dateHint()
	if withTime {
		hint += " 15:30"
	}
	f := NewField(w, hint)
	if !day.IsZero() {
		if withTime {
			f.SetText(day.Format(TimeLayout))
		} else {
			f.SetText(day.Format(DayLayout))
		}
	}
	var pick *widget.Button
	pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() {
		start := clock.Now()
		if d, err := ReadWhen(f.Text); err == nil {
			start = d
		}
		var pop *widget.PopUp
		cal := widget.NewCalendar(start, func(d time.Time) {
			text := d.Format(DayLayout)
			if withTime {
				clock := "12:00"
				if t, err := ReadWhen(f.Text); err == nil {
					clock = t.Format("15:04")
				}
				text += " " + clock
			}
			f.SetText(text)
			pop.Hide()
			w.Win.Canvas().Focus(f)
		})
		pop = widget.NewPopUp(cal, w.Win.Canvas())
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(pick)
		pop.ShowAtPosition(pos.Add(fyne.NewPos(0, pick.Size().Height)))
	})
	pick.Importance = widget.LowImportance
	f.ActionItem = pick
	return f
}

// ReadDay reads a day typed in a date field.
func ReadDay(text string) (time.Time, error) {
	d, err := data.ReadDate(text, clock.Now(), data.LocaleDayOrder())
	if err != nil {
		return d, fmt.Errorf("%s", CapitalFirst(err.Error()))
	}
	return d, nil
}

// ReadWhen reads a day and an optional time of day ("yesterday 15:30",
// "fri 9:00", "2026-11-23 14:05"); a day alone is that day at noon, a time
// alone is today.
func ReadWhen(text string) (time.Time, error) {
	text = strings.TrimSpace(strings.Replace(text, "T", " ", 1))
	day, clock := text, ""
	if i := strings.LastIndexByte(text, ' '); i >= 0 && strings.Contains(text[i+1:], ":") {
		day, clock = strings.TrimSpace(text[:i]), text[i+1:]
	} else if strings.Contains(text, ":") && !strings.ContainsAny(text, "-/.") {
		day, clock = "today", text
	}
	if day == "" {
		day = "today"
	}
	d, err := ReadDay(day)
	if err != nil {
		return d, err
	}
	if clock == "" {
		return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.Local), nil
	}
	for _, layout := range []string{"15:04", "15:04:05", "3:04pm", "3:04PM"} {
		if c, err := time.Parse(layout, clock); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), c.Second(), 0, time.Local), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time of day: write it like 14:30", clock)
}

// CapitalFirst starts a message with a capital letter.
func CapitalFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
