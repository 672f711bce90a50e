/**
 * The two items the answers fix: go-live (answers.goLive) and kick-off (answers.kickoff). The
 * template anchors them (`answer: goLive`, `answer: kickoff`); checks, reports and the programme
 * view find them by these ids, written here once.
 */
export const GO_LIVE_ID = 'go-live';
export const KICKOFF_ID = 'kick-off';
/** Final data production: the programme view counts and calendars it beside go-live. */
export const FDP_ID = 'final-data-production';
