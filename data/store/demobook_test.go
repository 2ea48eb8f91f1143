package store

import "context"

// MakeDemoForTest fills a book with made-up clients and visits: package
// demo's Make, set by demobook_ext_test.go (this package's tests cannot
// import package demo, which imports this one).
var MakeDemoForTest func(ctx context.Context, s *Store, clients, visits int, seed uint64) error

// makeDemo fills a test's book with made-up clients and visits.
func makeDemo(s *Store, clients, visits int, seed uint64) error {
	return MakeDemoForTest(ctx, s, clients, visits, seed)
}
