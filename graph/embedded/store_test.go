package embedded_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgb-dev/kgb/graph"
	"github.com/kgb-dev/kgb/graph/embedded"
	"github.com/kgb-dev/kgb/graph/storetest"
)

func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "kgb.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestStoreContractSharedFile runs the suite on one file reopened by every
// subtest, as a long-lived kgb.db is used.
func TestStoreContractSharedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kgb.db")
	storetest.Run(t, func(t *testing.T) graph.Store {
		s, err := embedded.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	path := filepath.Join(dir, "kgb.db")
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)

	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("these are not the tables you are looking for\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "photos")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "cat.jpg"), []byte("\xff\xd8"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		ro   bool
		want error
	}{
		{"locked by another writer", path, false, embedded.ErrLocked},
		{"locked, read-only", path, true, embedded.ErrLocked},
		{"a text file", text, false, embedded.ErrNotKGB},
		{"a directory of other files", other, false, embedded.ErrNotKGB},
		{"missing, read-only", filepath.Join(dir, "missing.db"), true, embedded.ErrNotFound},
		{"empty directory, read-only", empty, true, embedded.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s2, err := embedded.OpenWith(ctx, tc.path, embedded.Options{ReadOnly: tc.ro, LockTimeout: 50e6})
			if err == nil {
				s2.Close(ctx)
				t.Fatalf("OpenWith(%s) succeeded, want %v", tc.path, tc.want)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("OpenWith(%s) = %v, want errors.Is %v", tc.path, err, tc.want)
			}
		})
	}
}
