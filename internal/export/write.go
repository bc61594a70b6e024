package export

import (
	"io"

	"github.com/twohats/twohats/internal/safefile"
)

// WriteFile writes an export file safely (internal/safefile): a regular
// file is replaced whole, a device written through, a FIFO refused, a link
// followed.
func WriteFile(path string, fill func(io.Writer) error) error { return safefile.Write(path, fill) }
