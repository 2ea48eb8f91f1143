package app

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// tracing is set by REGULARS_TRACE=1: the window then writes to standard
// error how long its start took and how much memory it held at each
// step (scripts/memory.sh reads these lines). Off, it writes nothing.
var tracing = os.Getenv("REGULARS_TRACE") == "1"

// startedAt is when the process started (see processStart), when tracing.
var startedAt = processStart()

// processStart is when the process started: on Linux from the kernel, to
// the hundredth of a second; elsewhere, or not tracing, when the app
// package's variables are set, just before main runs.
func processStart() time.Time {
	now := time.Now()
	if !tracing {
		return now
	}
	up, err1 := os.ReadFile("/proc/uptime")
	stat, err2 := os.ReadFile("/proc/self/stat")
	if err1 != nil || err2 != nil {
		return now
	}
	// The fields after the command (which may hold spaces) in brackets;
	// the 22nd field of the line is the start in ticks after boot.
	i := bytes.LastIndexByte(stat, ')')
	fields := strings.Fields(string(stat[i+1:]))
	upFields := strings.Fields(string(up))
	if i < 0 || len(fields) < 20 || len(upFields) == 0 {
		return now
	}
	ticks, err1 := strconv.ParseFloat(fields[19], 64)
	uptime, err2 := strconv.ParseFloat(upFields[0], 64)
	if err1 != nil || err2 != nil {
		return now
	}
	const ticksPerSecond = 100 // USER_HZ, the same on every Linux
	age := time.Duration((uptime - ticks/ticksPerSecond) * float64(time.Second))
	if age < 0 || age > time.Minute {
		return now
	}
	return now.Add(-age)
}

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
// is open, when tracing, so that memory can be followed as it is used
// (and a heap profile to $REGULARS_TRACE_HEAP when it is set).
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
			if p := os.Getenv("REGULARS_TRACE_HEAP"); p != "" {
				// A heap profile to read with go tool pprof.
				if f, err := os.Create(p); err == nil {
					pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
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
