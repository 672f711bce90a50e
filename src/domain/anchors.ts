/**
 * The two items the answers fix: go-live (answers.goLive) and kick-off (answers.kickoff). The
 * template anchors them (`answer: goLive`, `answer: kickoff`); checks, reports and the programme
 * view find them by these ids, written here once.
 */
export const GO_LIVE_ID = 'go-live';
export const KICKOFF_ID = 'kick-off';
