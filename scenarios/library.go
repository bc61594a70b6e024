// Package scenarios holds the shipped scenario files, embedded in the
// binary, and the loader and validator that read any scenario file.
package scenarios

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/twohats/twohats/game"
)

//go:embed *.yaml
var shipped embed.FS

// Shipped is the built-in library's file system: the YAML files at its root.
func Shipped() fs.FS { return shipped }

// Source is a folder of scenario files and the name shown for its paths.
type Source struct {
	FS     fs.FS
	Prefix string // shown before each file name in messages, e.g. "scenarios/"
	User   bool   // files from the player's own folder
}

// FileError is a file that failed to load, with all its problems.
type FileError struct {
	Path     string
	Problems Problems
}

func (e FileError) Error() string { return e.Problems.Error() }

// First is the file's first problem, for one-line listings.
func (e FileError) First() string {
	if len(e.Problems) == 0 {
		return e.Path + ": unknown problem"
	}
	return e.Problems[0].String()
}

// Library is every scenario that loaded, and every file that did not.
type Library struct {
	Scenarios []*game.Scenario // sorted by title
	Failed    []FileError
	user      map[string]bool
	byID      map[string]*game.Scenario
}

// Get returns the scenario with the id, or nil.
func (l *Library) Get(id string) *game.Scenario { return l.byID[id] }

// IsUser reports whether the scenario came from the player's own folder.
func (l *Library) IsUser(id string) bool { return l.user[id] }

// IsScenarioFile reports whether a file name looks like a scenario file.
func IsScenarioFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return (ext == ".yaml" || ext == ".yml") && !strings.HasPrefix(path.Base(name), ".")
}

// Load reads every scenario file in the sources. A bad file never stops the
// others: it is listed in Failed. A scenario id that is already loaded makes
// the later file fail.
func Load(sources ...Source) *Library {
	lib := &Library{user: map[string]bool{}, byID: map[string]*game.Scenario{}}
	type file struct {
		src     Source
		name    string
		display string
		sc      *game.Scenario
		probs   Problems
	}
	var files []*file
	for _, src := range sources {
		entries, err := fs.ReadDir(src.FS, ".")
		if err != nil {
			lib.Failed = append(lib.Failed, FileError{Path: src.Prefix, Problems: Problems{{Path: src.Prefix, Msg: fmt.Sprintf("the folder could not be read: %v.", err)}}})
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && IsScenarioFile(e.Name()) {
				files = append(files, &file{src: src, name: e.Name(), display: src.Prefix + e.Name()})
			}
		}
	}
	// parsing is independent per file: spread it over the cores
	var wg sync.WaitGroup
	work := make(chan *file)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				f.sc, f.probs = ReadFile(f.src.FS, f.name, f.display)
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	for _, f := range files {
		if len(f.probs) > 0 {
			lib.Failed = append(lib.Failed, FileError{Path: f.display, Problems: f.probs})
			continue
		}
		sc := f.sc
		if prev := lib.byID[sc.ID]; prev != nil {
			lib.Failed = append(lib.Failed, FileError{Path: f.display, Problems: Problems{{Path: f.display, Pos: game.Pos{Line: 1, Col: 1},
				Msg: fmt.Sprintf("the scenario id %q is already used by %s; give this scenario another id.", sc.ID, prev.Path)}}})
			continue
		}
		lib.byID[sc.ID] = sc
		lib.user[sc.ID] = f.src.User
		lib.Scenarios = append(lib.Scenarios, sc)
	}
	sort.SliceStable(lib.Scenarios, func(i, j int) bool { return lib.Scenarios[i].Title < lib.Scenarios[j].Title })
	return lib
}

// ReadFile reads and parses one file from a file system, refusing files
// over MaxFileSize before reading them whole.
func ReadFile(fsys fs.FS, name, display string) (*game.Scenario, Problems) {
	// look before opening: opening a FIFO or a device can block forever
	if st, err := fs.Stat(fsys, name); err == nil && !st.Mode().IsRegular() {
		return nil, Problems{{Path: display, Msg: "this is not a regular file (a named pipe, device or socket), so it is not read; put scenario files in the folder as ordinary files."}}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, Problems{{Path: display, Msg: fmt.Sprintf("the file could not be opened: %v.", err)}}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxFileSize {
		return nil, Problems{{Path: display, Msg: fmt.Sprintf("the file is %d bytes; a scenario file may be at most %d bytes.", st.Size(), MaxFileSize)}}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, Problems{{Path: display, Msg: fmt.Sprintf("the file could not be read: %v.", err)}}
	}
	return Parse(display, data)
}
