package store

import (
	"testing"

	"regulars/data"
)

func TestDayOrderOfCountry(t *testing.T) {
	for c, want := range map[string]data.DayOrder{"USA": data.MonthFirst, "United States": data.MonthFirst, "Philippines": data.MonthFirst,
		"UK": data.DayFirst, "Germany": data.DayFirst, "France": data.DayFirst, "Australia": data.DayFirst} {
		if got, ok := data.DayOrderOf(c); !ok || got != want {
			t.Errorf("%s: %v %v", c, got, ok)
		}
	}
	if _, ok := data.DayOrderOf(" "); ok {
		t.Error("no country gave an order")
	}
	s := openTest(t)
	s.SetSetting(ctx, data.SettingCountry, "USA")
	if s.DayOrder(ctx) != data.MonthFirst {
		t.Error("a US book is not month first")
	}
	s.SetSetting(ctx, data.SettingCountry, "Ireland")
	if s.DayOrder(ctx) != data.DayFirst {
		t.Error("an Irish book is not day first")
	}
}
