package main

import (
	"errors"
	"strings"
	"testing"
)

func TestResolveShard(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		env     map[string]string
		i, n    int
		wantErr string // "" for success
	}{
		{name: "nothing", i: 0, n: 0},
		{name: "flag", flag: "2/4", i: 2, n: 4},
		{name: "flag wins over env", flag: "1/2", env: map[string]string{"KGB_SHARD": "0/3", "JOB_COMPLETION_INDEX": "2", "KGB_SHARD_COUNT": "3"}, i: 1, n: 2},
		{name: "KGB_SHARD", env: map[string]string{"KGB_SHARD": "3/5"}, i: 3, n: 5},
		{name: "KGB_SHARD with agreeing count", env: map[string]string{"KGB_SHARD": "3/5", "KGB_SHARD_COUNT": "5"}, i: 3, n: 5},
		{name: "KGB_SHARD wins over the job index", env: map[string]string{"KGB_SHARD": "0/2", "JOB_COMPLETION_INDEX": "1"}, i: 0, n: 2},
		{name: "indexed job", env: map[string]string{"JOB_COMPLETION_INDEX": "7", "KGB_SHARD_COUNT": "8"}, i: 7, n: 8},
		{name: "indexed job, spaces", env: map[string]string{"JOB_COMPLETION_INDEX": " 0 ", "KGB_SHARD_COUNT": "1"}, i: 0, n: 1},
		{name: "empty values are unset", env: map[string]string{"JOB_COMPLETION_INDEX": "", "KGB_SHARD_COUNT": "", "KGB_SHARD": ""}, i: 0, n: 0},
		{name: "bad flag", flag: "4/4", wantErr: `--shard "4/4": want i/n`},
		{name: "bad KGB_SHARD", env: map[string]string{"KGB_SHARD": "two of four"}, wantErr: `KGB_SHARD "two of four": want i/n`},
		{name: "count disagrees", env: map[string]string{"KGB_SHARD": "1/4", "KGB_SHARD_COUNT": "3"}, wantErr: "disagree on the number of shards"},
		{name: "index without count", env: map[string]string{"JOB_COMPLETION_INDEX": "2"}, wantErr: "set KGB_SHARD_COUNT to the Job's completions"},
		{name: "count without index", env: map[string]string{"KGB_SHARD_COUNT": "4"}, wantErr: "neither JOB_COMPLETION_INDEX nor KGB_SHARD"},
		{name: "count not a number", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "KGB_SHARD_COUNT": "four"}, wantErr: `KGB_SHARD_COUNT="four": want a whole number`},
		{name: "count zero", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "KGB_SHARD_COUNT": "0"}, wantErr: "want a whole number of shards >= 1"},
		{name: "index out of range", env: map[string]string{"JOB_COMPLETION_INDEX": "4", "KGB_SHARD_COUNT": "4"}, wantErr: "want a shard index 0 <= i < KGB_SHARD_COUNT (4)"},
		{name: "negative index", env: map[string]string{"JOB_COMPLETION_INDEX": "-1", "KGB_SHARD_COUNT": "4"}, wantErr: "want a shard index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			i, n, err := resolveShard(tt.flag, lookup)
			if tt.wantErr != "" {
				var ue *usageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || i != tt.i || n != tt.n {
				t.Fatalf("resolveShard = %d, %d, %v; want %d, %d", i, n, err, tt.i, tt.n)
			}
		})
	}
}
