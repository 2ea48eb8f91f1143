package app

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// startedAt is when the program started, as near as the app package
// knows: its variables are set before main runs.
var startedAt = time.Now()

// tracing is set by REGULARS_TRACE=1: the window then writes to standard
// error how long its start took and how much memory it held at each
// step (scripts/memory.sh reads these lines). Off, it writes nothing.
var tracing = os.Getenv("REGULARS_TRACE") == "1"

// traceStep writes one step of the start, when tracing: the time since
// start and the process's resident memory (now and at its peak) with the
// Go heap in use and all the memory Go holds from the system.
func traceStep(step string) {
	if !tracing {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(os.Stderr, "regulars trace: %-16s %6d ms  %s  heap %d MB  Go %d MB\n", step,
		time.Since(startedAt).Milliseconds(), residentMemory(), m.HeapInuse>>20, (m.Sys-m.HeapReleased)>>20)
}

// traceEvery writes a "running" step every few seconds while the window
// is open, when tracing, so that memory can be followed as it is used.
func traceEvery(done <-chan struct{}) {
	if !tracing {
		return
	}
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			traceStep("running")
		}
	}
}

// residentMemory reads the resident set and its peak from the kernel
// (Linux); elsewhere it says nothing.
func residentMemory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		for _, k := range []string{"VmRSS", "VmHWM", "RssAnon", "RssFile"} {
			if v, ok := strings.CutPrefix(line, k+":"); ok {
				out = append(out, k+" "+strings.Join(strings.Fields(v), " "))
			}
		}
	}
	return strings.Join(out, "  ")
}
