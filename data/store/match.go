package store

import (
	"context"

	"regulars/data"
)

// NewMatcher reads the book's clients (not in the trash).
func (s *Store) NewMatcher(ctx context.Context) (*data.Matcher, error) {
	m := data.NewMatcher()
	err := s.EachClient(ctx, func(c data.Client) error {
		m.Add(c)
		return nil
	})
	return m, err
}
