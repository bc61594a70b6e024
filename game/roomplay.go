package game

import "time"

// This file holds the records of room play: a workshop playing one
// scenario live, each participant voting from a browser (internal/room runs
// it). Every participant's attempt is an ordinary room attempt
// (Attempt.Room); these records are what the host keeps besides, so a
// session survives its host being killed.

// RoomPhase is where a live room is in the current moment.
type RoomPhase string

// The phases, in the order a moment goes through them.
const (
	PhaseLobby           RoomPhase = "lobby"            // waiting for the facilitator to open the moment
	PhaseReading         RoomPhase = "reading"          // everyone names the hat; the tally is hidden
	PhaseReadingRevealed RoomPhase = "reading-revealed" // the readings are shown
	PhaseAction          RoomPhase = "action"           // everyone picks an action; the tally is hidden
	PhaseActionRevealed  RoomPhase = "action-revealed"  // the split is shown; the facilitator plays an option
	PhaseFeedback        RoomPhase = "feedback"         // the played option's consequence (and verdict)
	PhaseEnded           RoomPhase = "ended"            // an ending was reached, or the facilitator ended it
)

// Vote kinds.
const (
	VoteReading = "reading"
	VoteAction  = "action"
)

// RoomSession is a live room as saved: enough to resume it.
type RoomSession struct {
	ID           string // UUID
	Workshop     string
	ScenarioID   string
	ScenarioHash string
	Seed         int64
	Phase        RoomPhase
	StartedAt    time.Time
	Plays        []string // the choice the room played at each moment so far, in order
	Members      []RoomMember
	Votes        []RoomVote // acknowledged votes at the current moment
}

// RoomMember is one participant of a room session. The bearer token is
// kept only as its hash.
type RoomMember struct {
	TokenHash string
	Name      string
	ProfileID string
	AttemptID string
	JoinedAt  time.Time
	Removed   bool
}

// RoomVote is one acknowledged vote at the current moment; the last one of
// a kind counts.
type RoomVote struct {
	ProfileID string
	Scene     string
	Kind      string // VoteReading or VoteAction
	Value     string // a hat, or a choice id
	At        time.Time
	Millis    int64 // from the moment's vote opening to the vote
}
