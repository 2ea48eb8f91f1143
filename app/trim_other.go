//go:build !linux || !cgo

package app

// trimCHeap does nothing where malloc_trim is not at hand.
func trimCHeap() {}
