package app

import (
	"context"
	"math"
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
// at rest the Go memory is capped (atRest), and every half minute what
// the collector holds beyond what is in use is given back when it passes
// slack.
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
			atWork()
		case <-timer.C:
			giveBack()
			atRest()
			traceStep("idle, returned")
		case <-tick.C:
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.Sys-m.HeapReleased > m.HeapInuse+slack {
				giveBack()
				atRest()
				traceStep("slack returned")
			}
		}
	}
}

// slack is how much memory the collector may hold beyond what is in use
// before a window at rest gives it back.
const slack = 6 << 20

// atRest caps the Go memory of a window at rest at what it holds now
// plus slack, so that the garbage of steady drawing is collected and
// given back rather than piled up; atWork lifts the cap as soon as the
// window is busy again, so that an import growing the book is never held
// back by it.
func atRest() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetMemoryLimit(int64(m.Sys-m.HeapReleased) + slack)
}

// atWork lifts atRest's cap.
func atWork() { debug.SetMemoryLimit(math.MaxInt64) }

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
