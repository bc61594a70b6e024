package room_test

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/twohats/twohats/internal/room"
)

var phoneShots = flag.String("screenshots", "", "write PNGs of the phone page at each phase into this folder")

// chromium finds Debian's chromium (test.sh installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("the browser test needs Chromium: install it with `sudo apt-get install chromium` (./test.sh does)")
	return ""
}

// TestBrowser: a real browser on a phone-sized screen joins, votes on a
// reading and an action, survives a reload with its vote and identity
// intact, and sees its personal debrief; a name that is markup stays text.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	r := newRig(t, nil)
	srv := httptest.NewServer(room.NewServer(r.h, room.ServerOptions{}))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root
		chromedp.WindowSize(390, 844),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(actx)
	defer cancel()
	// the first run starts the browser and must have no timeout
	if err := chromedp.Do(browser, chromedp.EmulateViewport(390, 844), chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 90*time.Second)
	defer cancel()

	type step = chromedp.Action[chromedp.Void]
	shot := func(name string) step {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if *phoneShots == "" {
				return nil
			}
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(*phoneShots, "room-phone-"+name+".png"), png, 0o644)
		})
	}
	poll := func(expr string) step {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))(ctx, tg)
			return err
		})
	}
	waitStatus := func(text string) step {
		return poll(`document.getElementById("status").textContent.includes(` + jsString(text) + `)`)
	}
	run := func(what string, steps ...step) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	host := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	run("open the join page",
		chromedp.Navigate(srv.URL+"/?code="+code),
		chromedp.WaitVisible("#join-form"),
		chromedp.SendKeys("#name", "Zoë <b>bold</b>"),
		shot("join"),
		chromedp.Click(`#join-form button[type="submit"]`),
		waitStatus("Waiting for the facilitator"),
		shot("lobby"),
	)
	if s := r.h.Status(); s.Participants != 1 {
		t.Fatalf("participants = %d", s.Participants)
	}
	noMarkup, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#who b") === null`))
	if who := text("#who"); err != nil || !noMarkup || !strings.Contains(who, "Zoë <b>bold</b>") {
		t.Errorf("the name is not shown as text: %q (no element: %v, %v)", who, noMarkup, err)
	}

	host("open", r.h.Open())
	run("vote on the reading",
		chromedp.WaitVisible(`#reading-options button:not([disabled])`),
		shot("reading"),
		chromedp.Click(`#reading-options button:nth-child(1)`), // Stabilise
		waitStatus("Your reading is in"),
		chromedp.WaitVisible(`#reading-options button[aria-pressed="true"]`),
	)
	if s := r.h.Status(); s.VotesIn != 1 {
		t.Fatalf("votes in = %d after the browser's vote", s.VotesIn)
	}
	run("reload keeps the vote",
		chromedp.Reload(),
		chromedp.WaitVisible(`#reading-options button[aria-pressed="true"]`),
	)
	if pressed := text(`#reading-options button[aria-pressed="true"] .label`); pressed != "Stabilise" {
		t.Errorf("after a reload the pressed reading is %q", pressed)
	}
	if s := r.h.Status(); s.Participants != 1 {
		t.Errorf("a reload joined again: %d participants", s.Participants)
	}
	// someone else's vote moves the count; the page still says its own is in
	r.vote(r.join("Bo"), "reading", "lead")
	run("another vote",
		poll(`document.getElementById("who").textContent.includes("2 people")`),
		waitStatus("Your reading is in"),
	)

	host("reveal", r.h.Reveal())
	host("open the action", r.h.Open())
	run("vote on the action",
		chromedp.WaitVisible(`#action-options button:not([disabled])`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`(() => { [...document.querySelectorAll("#action-options .label")].find(e => e.textContent === "Make a plan.").closest("button").click(); return true })()`)(ctx, tg)
			return err
		}),
		waitStatus("Your vote is in"),
		shot("action"),
	)
	if action := text(`#action-options button[aria-pressed="true"] .label`); action != "Make a plan." {
		t.Errorf("the pressed action is %q", action)
	}
	host("reveal", r.h.Reveal())
	run("see the split", chromedp.WaitVisible(`#action-options .count`), shot("revealed"))
	_, err = r.h.Play("")
	host("play", err)
	run("see the feedback", chromedp.WaitVisible(`#feedback`), shot("feedback"))
	host("next", r.h.Next())
	for _, c := range []string{"both-ways", "coach"} {
		host("open", r.h.Open())
		host("reveal", r.h.Reveal())
		host("open", r.h.Open())
		host("reveal", r.h.Reveal())
		_, err := r.h.Play(c)
		host("play "+c, err)
		host("next", r.h.Next())
	}
	run("see the debrief", chromedp.WaitVisible(`#debrief`), shot("debrief"))
	debrief := text("#debrief")
	for _, want := range []string{"Your debrief", "Reading", "100", "You did not vote. The room played: Coach the leads."} {
		if !strings.Contains(debrief, want) {
			t.Errorf("the debrief lacks %q:\n%s", want, debrief)
		}
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
