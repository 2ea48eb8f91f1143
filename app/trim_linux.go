//go:build linux && cgo

package app

/*
#include <malloc.h>
*/
import "C"

// trimCHeap gives the C heap's free memory (the GL driver's, the fonts'
// and the window system's allocations, freed but kept by malloc) back to
// the system.
func trimCHeap() { C.malloc_trim(0) }
