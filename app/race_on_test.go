//go:build race

package app

// raceDetector is set when the tests run with -race: Fyne's test driver
// runs fyne.Do at once on the calling goroutine, so a test that presses
// buttons while a background goroutine updates the window races in the
// driver itself. Such tests run without -race (make test runs them so).
const raceDetector = true
