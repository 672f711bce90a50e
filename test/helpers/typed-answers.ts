/**
 * The keys a person types to answer every `init` question with the shortest valid answers: one
 * team member (the default role, project manager), no clinical safety officer yet, EPS only, not a
 * dispensing practice, nobody away, the default kick-off, no meeting location.
 * Shared by the in-process prompt tests and the pseudo-terminal run so both type the same thing.
 */
export const ENTER = '\r';

/** [text to wait for on screen, keys to type], up to (not including) the final confirmation. */
export function typedAnswers(goLive: string): [string, string][] {
  return [
    ['Practice name', 'Riverside Surgery\r'],
    ['ODS code', 'b82005\r'],
    ['Go-live date', `${goLive}\r`],
    ["Which nation's bank holidays apply?", ENTER],
    ['Current clinical system', ENTER],
    ['New clinical system', ENTER],
    ['Team member 1: role', ENTER],
    ['Team member 1: name', 'Jane Smith\r'],
    ['Team member 1: email', 'jane.smith@nhs.net\r'],
    ['Add another person?', ENTER],
    ['Who is the clinical safety officer', ENTER],
    ['Which third parties', ' ' + ENTER],
    ['Add another third party not in the list?', ENTER],
    ['Is it a dispensing practice', ENTER],
    ['Is anyone away during the migration?', ENTER],
    ['Kick-off meeting date', ENTER],
    ['Where are the meetings held?', ENTER],
  ];
}
