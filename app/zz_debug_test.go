package app

import "testing"

func TestZZMin(t *testing.T) {
	u, _ := layoutBook(t)
	for _, it := range u.tabs.Items {
		t.Logf("%s: %v", it.Text, it.Content.MinSize())
	}
	t.Logf("tabs %v notice %v", u.tabs.MinSize(), u.notice.content.MinSize())
	c := u.cards
	t.Logf("cards inner tabs %v", c.tabs.MinSize())
	for _, it := range c.tabs.Items {
		t.Logf("  %s: %v", it.Text, it.Content.MinSize())
	}
}

func TestZZToday(t *testing.T) {
	u, _ := layoutBook(t)
	d := u.today
	t.Logf("chart %v split %v active %v returns %v listArea? list %v batch %v", d.chart.MinSize(), d.split.MinSize(), d.active.MinSize(), d.returns.MinSize(), d.list.MinSize(), d.batch.MinSize())
}
