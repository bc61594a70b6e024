package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime"
)

func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "", "the data folder (default: $TWOHATS_DATA, else the platform's user data folder)")
}

// resolveDataDir picks the data folder: the flag, then $TWOHATS_DATA, then
// the platform's usual place for user data.
func resolveDataDir(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if v := getenv("TWOHATS_DATA"); v != "" {
		return filepath.Abs(v)
	}
	return defaultDataDir(runtime.GOOS, getenv)
}

func defaultDataDir(goos string, getenv func(string) string) (string, error) {
	home := getenv("HOME")
	switch goos {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "TwoHats"), nil
		}
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "TwoHats"), nil
		}
		home = getenv("USERPROFILE")
	case "darwin":
		if home != "" {
			return filepath.Join(home, "Library", "Application Support", "TwoHats"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "twohats"), nil
		}
		if home != "" {
			return filepath.Join(home, ".local", "share", "twohats"), nil
		}
	}
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = h
		}
	}
	if home == "" {
		return "", errors.New("there is no home folder to keep your progress in; pass --data DIR or set TWOHATS_DATA")
	}
	return filepath.Join(home, ".twohats"), nil
}
