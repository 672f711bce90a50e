/**
 * Items the code finds by id, written here once: the two the answers fix, go-live (answers.goLive)
 * and kick-off (answers.kickoff), which the template anchors (`answer: goLive`, `answer: kickoff`),
 * and final data production, which the programme view counts.
 */
export const GO_LIVE_ID = 'go-live';
export const KICKOFF_ID = 'kick-off';
/** Final data production: the programme view counts and calendars it beside go-live. */
export const FDP_ID = 'final-data-production';
