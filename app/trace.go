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
// Go heap in use.
func traceStep(step string) {
	if !tracing {
		return
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(os.Stderr, "regulars trace: %-16s %6d ms  %s  heap %d MB\n", step,
		time.Since(startedAt).Milliseconds(), residentMemory(), m.HeapInuse>>20)
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
