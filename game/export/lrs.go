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
)

// XAPIVersion is sent in the X-Experience-API-Version header.
const XAPIVersion = "1.0.3"

// LRS posts statements to a Learning Record Store's statements resource
// in batches, retrying with exponential backoff when the LRS is busy or
// unreachable.
type LRS struct {
	Endpoint string // the LRS's xAPI endpoint; "/statements" is added when missing
	Username string // HTTP Basic credentials (the LRS client's key and secret)
	Password string

	Client    *http.Client                               // default: 30 s timeout
	BatchSize int                                        // statements per request; default 100
	Retries   int                                        // retries per batch after the first try; default 4
	Backoff   time.Duration                              // the first retry's wait, doubling each time; default 1 s
	Sleep     func(context.Context, time.Duration) error // default: waits, or returns when ctx is done
	Progress  func(sent, total int)                      // after each batch, when set
}

// BatchError is one batch the LRS did not store.
type BatchError struct {
	Batch, Batches int // 1-based
	First, Last    int // 1-based statement positions
	Status         int // the last HTTP status, 0 when the LRS could not be reached
	Body           string
	Err            error
}

func (e *BatchError) Error() string {
	where := fmt.Sprintf("batch %d of %d (statements %d–%d)", e.Batch, e.Batches, e.First, e.Last)
	switch {
	case e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden:
		return fmt.Sprintf("%s was refused: the LRS answered %d %s, so the user name or password is wrong or lacks the right to write statements; check --user and --password.", where, e.Status, http.StatusText(e.Status))
	case e.Status == http.StatusConflict:
		return fmt.Sprintf("%s was refused: the LRS answered 409 Conflict, so it already holds some of these statement ids with different content (for example, exported once with names and once pseudonymised): %s.", where, e.snippet())
	case e.Status != 0:
		return fmt.Sprintf("%s was not stored: the LRS answered %d %s: %s.", where, e.Status, http.StatusText(e.Status), e.snippet())
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

// Send posts the statements. It tries every batch (unless the LRS refuses
// the credentials, which would fail them all) and returns one BatchError
// per batch not stored, joined.
func (l *LRS) Send(ctx context.Context, sts []Statement) error {
	endpoint, err := l.statementsURL()
	if err != nil {
		return err
	}
	size := l.BatchSize
	if size <= 0 {
		size = 100
	}
	batches := (len(sts) + size - 1) / size
	var errs []error
	for b := 0; b < batches; b++ {
		lo, hi := b*size, min((b+1)*size, len(sts))
		body, err := json.Marshal(sts[lo:hi])
		if err != nil {
			return err
		}
		status, text, err := l.post(ctx, endpoint, body)
		if err != nil || status/100 != 2 {
			be := &BatchError{Batch: b + 1, Batches: batches, First: lo + 1, Last: hi, Status: status, Body: text, Err: err}
			errs = append(errs, be)
			if status == http.StatusUnauthorized || status == http.StatusForbidden || ctx.Err() != nil {
				if hi < len(sts) {
					errs = append(errs, fmt.Errorf("the remaining %d batch(es), statements %d–%d, were not sent", batches-b-1, hi+1, len(sts)))
				}
				break
			}
			continue
		}
		if l.Progress != nil {
			l.Progress(hi, len(sts))
		}
	}
	return errors.Join(errs...)
}

// reply is what the LRS answered to one request.
type reply struct {
	status     int
	body       string
	retryAfter time.Duration
}

// post sends one batch, retrying on network errors, 429 and 5xx.
func (l *LRS) post(ctx context.Context, endpoint string, body []byte) (int, string, error) {
	client := l.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	retries := l.Retries
	if retries <= 0 {
		retries = 4
	}
	wait := l.Backoff
	if wait <= 0 {
		wait = time.Second
	}
	sleep := l.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	for try := 0; ; try++ {
		r, err := l.once(ctx, client, endpoint, body)
		retry := err != nil || r.status == http.StatusTooManyRequests || r.status >= 500
		if !retry || try == retries || ctx.Err() != nil {
			return r.status, r.body, err
		}
		d := max(wait<<try, r.retryAfter)
		if d > time.Minute {
			d = time.Minute
		}
		if serr := sleep(ctx, d); serr != nil {
			return r.status, r.body, serr
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

func (l *LRS) once(ctx context.Context, client *http.Client, endpoint string, body []byte) (reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", XAPIVersion)
	if l.Username != "" || l.Password != "" {
		req.SetBasicAuth(l.Username, l.Password)
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	r := reply{status: resp.StatusCode, body: string(b)}
	if n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && n > 0 {
		r.retryAfter = time.Duration(n) * time.Second
	}
	return r, nil
}
