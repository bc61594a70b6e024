package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/twohats/twohats/game"
)

// XAPIVersion is sent in the X-Experience-API-Version header.
const XAPIVersion = "1.0.3"

// LRS posts statements to a Learning Record Store's statements resource
// in batches, retrying with exponential backoff when the LRS is busy or
// unreachable. It never follows a redirect: the credentials and the
// statements go only to the address given. It gives up on the rest when
// the LRS refuses the credentials, answers 404 or a redirect, fails
// MaxFailures batches in a row, stores nothing for Deadline, or when the
// context is done.
type LRS struct {
	Endpoint string // the LRS's xAPI endpoint; "/statements" is added when missing
	Username string // HTTP Basic credentials (the LRS client's key and secret)
	Password string

	Client      *http.Client                               // default: a client without a timeout of its own; its redirect policy is always replaced by "never follow"
	BatchSize   int                                        // statements per request; default 100
	Retries     int                                        // retries per batch after the first try; default 4
	Backoff     time.Duration                              // the first retry's wait, doubling each time; default 1 s
	Timeout     time.Duration                              // the longest one request may take; default 30 s
	Deadline    time.Duration                              // give up when the LRS has stored nothing for this long, since the start or the last stored batch; default 2 min
	MaxFailures int                                        // give up after this many batches in a row were not stored; default 3
	Sleep       func(context.Context, time.Duration) error // default: waits, or returns when ctx is done
	Progress    func(sent, total int)                      // after each batch, when set
	Log         func(line string)                          // one line before each retry, when set
}

// Defaults of the LRS's limits.
const (
	DefaultLRSTimeout     = 30 * time.Second
	DefaultLRSDeadline    = 2 * time.Minute
	DefaultLRSMaxFailures = 3
)

// BatchError is one batch the LRS did not store.
type BatchError struct {
	Batch, Batches int    // 1-based
	First, Last    int    // 1-based statement positions
	Status         int    // the last HTTP status, 0 when the LRS did not answer
	Body           string // the start of the LRS's answer
	Location       string // the Location header of a redirect, resolved against URL
	URL            string // where the batch was posted
	Err            error  // why the LRS did not answer

	interrupted bool // the context was done before the LRS answered
	stalled     bool // the deadline came before the LRS answered
}

func (e *BatchError) Error() string {
	where := fmt.Sprintf("batch %d of %d (statements %d–%d)", e.Batch, e.Batches, e.First, e.Last)
	var te *timeoutError
	switch {
	case e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden:
		return fmt.Sprintf("%s was refused: the LRS answered %d %s, so the user name or password is wrong or lacks the right to write statements; check --user and --password.", where, e.Status, http.StatusText(e.Status))
	case e.Status == http.StatusConflict:
		return fmt.Sprintf("%s was refused: the LRS answered 409 Conflict, so it already holds some of these statement ids with different content (for example, exported once with names and once pseudonymised): %s.", where, e.snippet())
	case e.Status == http.StatusNotFound:
		return fmt.Sprintf("%s was not stored: the LRS answered 404 Not Found for %s, so there is no statements resource at that address; check the path of the LRS address, which must be its xAPI endpoint, such as https://lrs.example.org/data/xAPI.", where, e.URL)
	case e.Status/100 == 3:
		to := "without a Location header saying where to"
		if e.Location != "" {
			to = "to " + e.Location + " (its Location header)"
			if strings.HasPrefix(e.URL, "https:") && strings.HasPrefix(e.Location, "http:") {
				to += ", an unencrypted http:// address"
			}
		}
		return fmt.Sprintf("%s was not stored: the LRS answered %d %s %s. Two Hats does not follow redirects when posting statements, so that the password and the statements go only to the address you gave; if the new address is your LRS's, export again with it as the LRS address.", where, e.Status, http.StatusText(e.Status), to)
	case e.Status != 0:
		return fmt.Sprintf("%s was not stored: the LRS answered %d %s: %s.", where, e.Status, http.StatusText(e.Status), e.snippet())
	case e.interrupted:
		return fmt.Sprintf("%s was interrupted before the LRS answered, so it may not be stored; export again to make sure — statements already stored are not duplicated.", where)
	case e.stalled:
		return fmt.Sprintf("%s was not stored: Two Hats gave up waiting for the LRS.", where)
	case errors.As(e.Err, &te):
		return fmt.Sprintf("%s was not stored: the LRS did not answer within %v; check that it is up, then export again — statements already stored are not duplicated.", where, te.after)
	}
	return fmt.Sprintf("%s was not sent: the LRS could not be reached (%v); check the URL and the network, then export again — statements already stored are not duplicated.", where, e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

func (e *BatchError) snippet() string {
	s := strings.Join(strings.Fields(e.Body), " ")
	if s == "" {
		return "no explanation given"
	}
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

// timeoutError is a request the LRS did not answer in time.
type timeoutError struct {
	after time.Duration
	err   error
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("the LRS did not answer within %v", e.after)
}

func (e *timeoutError) Unwrap() error { return e.err }

// statementsURL returns the statements resource under the endpoint.
func (l *LRS) statementsURL() (string, error) {
	u, err := url.Parse(strings.TrimSpace(l.Endpoint))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("the LRS address %q is not an http:// or https:// URL; give its xAPI endpoint, such as https://lrs.example.org/data/xAPI", l.Endpoint)
	}
	if !strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/statements") {
		u.Path = strings.TrimRight(u.Path, "/") + "/statements"
	}
	return u.String(), nil
}

// stop is why Send gives up on the batches left.
type stop int

const (
	goOn        stop = iota
	refused          // 401 or 403: every batch would be refused
	wrongPath        // 404
	redirected       // 3xx
	interrupted      // the context is done
	stalled          // nothing stored for the deadline
	failing          // too many batches in a row not stored
)

// sender is one Send's settings and state.
type sender struct {
	*LRS
	client   *http.Client
	endpoint string
	retries  int
	backoff  time.Duration
	timeout  time.Duration
	deadline time.Duration
	sleep    func(context.Context, time.Duration) error
	stored   time.Time // the start, then the last time a batch was stored
}

// Send posts the statements and returns one BatchError per batch not
// stored, joined, followed by a sentence saying why the rest were not sent
// when it gave up early.
func (l *LRS) Send(ctx context.Context, sts []Statement) error {
	endpoint, err := l.statementsURL()
	if err != nil {
		return err
	}
	s := &sender{LRS: l, endpoint: endpoint, retries: l.Retries, backoff: l.Backoff, timeout: l.Timeout, deadline: l.Deadline, sleep: l.Sleep}
	client := http.Client{}
	if l.Client != nil {
		client = *l.Client
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	s.client = &client
	if s.retries <= 0 {
		s.retries = 4
	}
	if s.backoff <= 0 {
		s.backoff = time.Second
	}
	if s.timeout <= 0 {
		s.timeout = DefaultLRSTimeout
	}
	if s.deadline <= 0 {
		s.deadline = DefaultLRSDeadline
	}
	if s.sleep == nil {
		s.sleep = sleepCtx
	}
	maxFailures := l.MaxFailures
	if maxFailures <= 0 {
		maxFailures = DefaultLRSMaxFailures
	}
	size := l.BatchSize
	if size <= 0 {
		size = 100
	}
	batches := (len(sts) + size - 1) / size
	s.stored = time.Now()
	var errs []error
	failures := 0
	for b := 0; b < batches; b++ {
		lo, hi := b*size, min((b+1)*size, len(sts))
		if ctx.Err() != nil {
			errs = append(errs, errors.New(s.gaveUp(interrupted, failures, batches-b, lo+1, len(sts))))
			break
		}
		body, err := json.Marshal(sts[lo:hi])
		if err != nil {
			return fmt.Errorf("encoding statements %d–%d for the LRS: %w", lo+1, hi, err)
		}
		be := &BatchError{Batch: b + 1, Batches: batches, First: lo + 1, Last: hi, URL: endpoint}
		why := s.post(ctx, be, body)
		if be.Err == nil && be.Status/100 == 2 {
			failures = 0
			s.stored = time.Now()
			if l.Progress != nil {
				l.Progress(hi, len(sts))
			}
			continue
		}
		errs = append(errs, be)
		failures++
		if why == goOn && failures >= maxFailures && hi < len(sts) {
			why = failing
		}
		if why != goOn {
			if msg := s.gaveUp(why, failures, batches-b-1, hi+1, len(sts)); msg != "" {
				errs = append(errs, errors.New(msg))
			}
			break
		}
	}
	return errors.Join(errs...)
}

// gaveUp says why Send stopped and which batches it did not send.
func (s *sender) gaveUp(why stop, failures, left, first, last int) string {
	rest := ""
	if left > 0 {
		rest = fmt.Sprintf("the remaining %s, statements %d–%d, %s not sent", game.Count(left, "batch"), first, last, game.Were(left))
	}
	again := "check that the LRS is up and reachable, then export again — statements already stored are not duplicated."
	switch why {
	case interrupted:
		if rest == "" {
			return ""
		}
		return fmt.Sprintf("The export was interrupted, so %s; export again to send them — statements already stored are not duplicated.", rest)
	case stalled:
		if rest == "" {
			return fmt.Sprintf("Gave up: the LRS stored nothing for %v; %s", s.deadline, again)
		}
		return fmt.Sprintf("Gave up: the LRS stored nothing for %v, so %s; %s", s.deadline, rest, again)
	case failing:
		return fmt.Sprintf("Gave up after %s in a row %s not stored, so %s; deal with the errors above, then export again — statements already stored are not duplicated.", game.Count(failures, "batch"), game.Were(failures), rest)
	}
	if rest == "" {
		return ""
	}
	return fmt.Sprintf("Stopped there, so %s.", rest)
}

// post sends one batch, retrying on network errors, timeouts, 429 and 5xx,
// and fills in be with the last answer. It returns why Send must stop, if
// it must.
func (s *sender) post(ctx context.Context, be *BatchError, body []byte) stop {
	label := fmt.Sprintf("Batch %d of %d (statements %d–%d)", be.Batch, be.Batches, be.First, be.Last)
	for try := 0; ; try++ {
		giveUpAt := s.stored.Add(s.deadline)
		left := time.Until(giveUpAt)
		if left <= 0 {
			if try == 0 {
				be.stalled = true
			}
			return stalled
		}
		wait := min(s.timeout, left)
		r, err := s.once(ctx, body, wait)
		be.Status, be.Body, be.Location, be.Err = r.status, r.body, r.location, err
		switch {
		case err != nil && ctx.Err() != nil:
			be.interrupted = true
			return interrupted
		case err != nil && r.timedOut && wait < s.timeout:
			be.stalled = true
			return stalled
		case err != nil && r.timedOut:
			be.Err = &timeoutError{after: wait, err: err}
		case err != nil:
		case r.status == http.StatusUnauthorized || r.status == http.StatusForbidden:
			return refused
		case r.status == http.StatusNotFound:
			return wrongPath
		case r.status/100 == 3:
			return redirected
		case r.status == http.StatusTooManyRequests || r.status >= 500:
		default:
			return goOn // stored, or refused for its content: retrying would not help
		}
		if ctx.Err() != nil {
			return interrupted
		}
		if try == s.retries {
			return goOn
		}
		d := min(max(s.backoff<<try, r.retryAfter), time.Minute)
		if time.Until(giveUpAt) <= d {
			return stalled
		}
		if s.Log != nil {
			what := fmt.Sprintf("the LRS answered %d %s", r.status, http.StatusText(r.status))
			var te *timeoutError
			switch {
			case errors.As(be.Err, &te):
				what = te.Error()
			case be.Err != nil:
				what = fmt.Sprintf("the LRS could not be reached (%v)", be.Err)
			}
			s.Log(fmt.Sprintf("%s: %s; trying again in %v (retry %d of %d).", label, what, d, try+1, s.retries))
		}
		if err := s.sleep(ctx, d); err != nil || ctx.Err() != nil {
			return interrupted
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reply is what the LRS answered to one request.
type reply struct {
	status     int
	body       string
	location   string
	retryAfter time.Duration
	timedOut   bool // the request took longer than it was given
}

// once posts one batch, giving the request at most timeout.
func (s *sender) once(ctx context.Context, body []byte, timeout time.Duration) (reply, error) {
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, s.endpoint, bytes.NewReader(body))
	if err != nil {
		return reply{}, fmt.Errorf("preparing the request to %s: %w", s.endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", XAPIVersion)
	if s.Username != "" || s.Password != "" {
		req.SetBasicAuth(s.Username, s.Password)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return reply{timedOut: ctx.Err() == nil && rctx.Err() != nil}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil && resp.StatusCode/100 != 2 {
		// the status is what matters; a cut-off explanation is kept as is
		err = nil
	}
	if err != nil {
		// a 2xx whose answer did not arrive in full: the batch may or may
		// not be stored, and posting it again is safe
		return reply{timedOut: ctx.Err() == nil && rctx.Err() != nil}, fmt.Errorf("reading the LRS's answer: %w", err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // lets the connection be reused
	r := reply{status: resp.StatusCode, body: string(b)}
	if resp.StatusCode/100 == 3 {
		r.location = resp.Header.Get("Location")
		if u, err := resp.Location(); err == nil {
			r.location = u.Redacted()
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && n > 0 {
		r.retryAfter = time.Duration(n) * time.Second
	}
	return r, nil
}
