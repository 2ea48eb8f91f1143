package app

import (
	"context"
	"runtime"
	"runtime/debug"
	"time"
)

// idleAfter is how long the window must have been quiet before the memory
// its last burst of work left behind is given back.
const idleAfter = 3 * time.Second

// returnWhenIdle gives the memory a burst of work left (the results of a
// run of search keystrokes, a refreshed Today) back to the system once the
// window has been quiet for idleAfter, so that the window does not keep
// the high-water mark of its busiest moment. It runs until ctx ends; busy
// pokes it.
//
// A window left open also keeps drawing (the blinking cursor, the
// clock-driven refreshes), which leaves garbage at a slow, steady pace:
// every half minute, what the collector holds beyond what is in use is
// given back when it passes slack.
func returnWhenIdle(ctx context.Context, poke <-chan struct{}) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-poke:
			timer.Reset(idleAfter)
		case <-timer.C:
			giveBack()
			traceStep("idle, returned")
		case <-tick.C:
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.Sys-m.HeapReleased > m.HeapInuse+slack {
				giveBack()
				traceStep("slack returned")
			}
		}
	}
}

// slack is how much memory the collector may hold beyond what is in use
// before a window at rest gives it back.
const slack = 12 << 20

// giveBack returns to the system the Go memory not in use and the C
// heap's free memory.
func giveBack() {
	debug.FreeOSMemory()
	trimCHeap()
}

// busy tells returnWhenIdle that the window is at work (never blocks).
func (u *ui) busy() {
	if u.pokes == nil {
		return
	}
	select {
	case u.pokes <- struct{}{}:
	default:
	}
}
