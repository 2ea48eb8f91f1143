package store_test

import (
	"context"

	"regulars/data/demo"
	"regulars/data/store"
)

// The tests of package store fill their large books with package demo.
func init() {
	store.MakeDemoForTest = func(ctx context.Context, s *store.Store, clients, visits int, seed uint64) error {
		_, err := demo.Make(ctx, s, demo.Options{Clients: clients, Visits: visits, Seed: seed})
		return err
	}
}
