// Package fonts embeds the typefaces of the thank-you cards, each with
// its licence file beside it: two hand-writing fonts under the SIL Open
// Font License (Caveat, Kalam) and DejaVu Sans, whose wide coverage
// (Latin, Greek, Cyrillic, Vietnamese) draws the letters a hand-writing
// font lacks.
package fonts

import _ "embed"

// Caveat is Caveat Regular (OFL-Caveat.txt): a lively, slanted hand.
//
//go:embed Caveat-Regular.ttf
var Caveat []byte

// Kalam is Kalam Regular (OFL-Kalam.txt): a rounder, upright hand.
//
//go:embed Kalam-Regular.ttf
var Kalam []byte

// DejaVuSans is DejaVu Sans (LICENSE-DejaVu.txt), the fallback for
// letters the hand-writing fonts lack, and the face of address labels.
//
//go:embed DejaVuSans.ttf
var DejaVuSans []byte

// PlaypenSans is Playpen Sans Regular (OFL-PlaypenSans.txt, from the npm
// package @expo-google-fonts/playpen-sans 0.4.1): the second hand, which
// writes the words Caveat and Kalam lack letters for — Latin Extended,
// Vietnamese, Cyrillic and Greek — so that no card falls back to a sans.
//
//go:embed PlaypenSans-Regular.ttf
var PlaypenSans []byte

// EMSAllure is EMS Allure (OFL-EMSAllure.txt, from the npm package
// hersheytext 2.0.0): a single-stroke script as an SVG font, which a pen
// plotter draws line by line. It covers Latin-1 only.
//
//go:embed EMSAllure.svg
var EMSAllure []byte
