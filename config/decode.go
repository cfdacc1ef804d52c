package config

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/cast"
	"github.com/spf13/viper"
)

// ByteSize is a size in bytes, written in config as a number of bytes or with
// a unit: 8MiB, 512KiB, 10MB (decimal), 8M (binary, like 8MiB).
type ByteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// ParseByteSize parses "8MiB", "10 MB", "8m" or "1048576".
func ParseByteSize(s string) (ByteSize, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a size; write e.g. 8MiB, 512KiB or 1048576", s)
	}
	b := f * float64(mult)
	if b > math.MaxInt64/2 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return ByteSize(b), nil
}

// String formats the size with the largest binary unit that divides it.
func (b ByteSize) String() string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", b>>30)
	case b >= 1<<20 && b%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", b>>20)
	case b >= 1<<10 && b%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", b>>10)
	case b >= 1<<20:
		return fmt.Sprintf("%.1fMiB (%d bytes)", float64(b)/(1<<20), int64(b))
	}
	return fmt.Sprintf("%d bytes", int64(b))
}

// decode converts each key with a typed check (so a bad value is reported
// with its key and source), then unmarshals strictly into cfg.
func decode(v *viper.Viper, cfg *Config) error {
	for _, k := range keys {
		raw := v.Get(k.name)
		var err error
		switch k.def.(type) {
		case int:
			var n int
			n, err = cast.ToIntE(raw)
			if err != nil {
				err = fmt.Errorf("want a whole number, got %q", fmt.Sprint(raw))
			} else {
				v.Set(k.name, n)
			}
		case bool:
			var b bool
			b, err = cast.ToBoolE(raw)
			if err != nil {
				err = fmt.Errorf("want true or false, got %q", fmt.Sprint(raw))
			} else {
				v.Set(k.name, b)
			}
		case []string:
			var ss []string
			if s, ok := raw.(string); ok {
				ss = splitList(s)
			} else {
				ss, err = cast.ToStringSliceE(raw)
				if err != nil {
					err = fmt.Errorf("want a list of names, got %q", fmt.Sprint(raw))
				}
			}
			if err == nil {
				for i := range ss {
					ss[i] = strings.TrimSpace(ss[i])
				}
				v.Set(k.name, ss)
			}
		case string:
			if k.name == "max_file_size" {
				var bs ByteSize
				if n, ok := raw.(int); ok {
					bs = ByteSize(n)
				} else {
					bs, err = ParseByteSize(cast.ToString(raw))
				}
				if err == nil {
					v.Set(k.name, int64(bs))
				}
				break
			}
			switch raw.(type) {
			case map[string]any, []any:
				err = fmt.Errorf("want a single value, got %v", raw)
			default:
				var s string
				s, err = cast.ToStringE(raw)
				if err != nil {
					err = fmt.Errorf("want a string, got %q", fmt.Sprint(raw))
				} else {
					v.Set(k.name, s)
				}
			}
		}
		if err != nil {
			return &Error{Key: k.name, Source: cfg.sources[k.name], Msg: err.Error()}
		}
	}
	err := v.UnmarshalExact(cfg, func(dc *mapstructure.DecoderConfig) {
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
			func(from, to reflect.Type, data any) (any, error) {
				if to == reflect.TypeFor[ByteSize]() && from.Kind() == reflect.String {
					return ParseByteSize(data.(string))
				}
				return data, nil
			},
			mapstructure.StringToSliceHookFunc(","),
		)
	})
	if err != nil {
		return &Error{Msg: "invalid configuration", Err: err}
	}
	return nil
}

func splitList(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "["), "]"))
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
