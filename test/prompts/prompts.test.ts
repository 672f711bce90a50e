/**
 * The questions of `kickoff init`, driven with real keystrokes. Validation is never mocked: every
 * refusal below comes from the domain rule the prompt reuses.
 */
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { render } from '@inquirer/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../src/adapters/inputs/holiday-loader.js';
import {
  askForAnswers,
  confirmWrite,
  type PromptContext,
  type PromptIO,
} from '../../src/adapters/terminal/prompts.js';
import { loadTemplate } from '../../src/adapters/inputs/template-loader.js';
import { checkDate, checkEmail, checkOdsCode } from '../../src/domain/answers.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import type { Answers, CalendarDate, Nation } from '../../src/domain/types.js';
import { CancelledError } from '../../src/errors.js';
import { ENTER, typedAnswers } from '../helpers/typed-answers.js';

const DOWN = '\x1b[B';
const CTRL_C = '\x03';
/** Readline's "delete to start of line": clears what a refused answer left at the prompt. */
const CLEAR_LINE = '\x15';

let context: PromptContext;

beforeAll(async () => {
  const [template, table] = await Promise.all([loadTemplate(), loadHolidayTable()]);
  context = {
    template,
    calendarFor: (nation: Nation) => new WorkingCalendar(table, nation),
    today: '2026-12-01' as CalendarDate,
  };
});

/** Everything a person could tell kickoff; each test leaves out what it wants asked. */
const FULL: Answers = {
  practice: { name: 'Riverside Surgery', ods: 'B82005' },
  goLive: '2027-03-15' as CalendarDate,
  nation: 'england',
  systems: { current: 'EMIS Web', new: 'SystmOne' },
  team: [
    { role: 'project-manager', name: 'Jane Smith', email: 'jane.smith@nhs.net' },
    { role: 'practice-manager', name: 'Bob Jones', email: 'bob.jones@nhs.net' },
  ],
  thirdParties: [{ id: 'eps' }],
  absences: [],
  kickoff: '2026-12-01' as CalendarDate,
  meetingLocation: 'Meeting room 2',
  dispensing: false,
};

function without(...keys: (keyof Answers)[]): Partial<Answers> {
  const known: Partial<Answers> = { ...FULL };
  for (const key of keys) delete (known as Record<string, unknown>)[key];
  return known;
}

/**
 * A terminal for a whole run of questions: keystrokes go in as bytes, as from a keyboard, and
 * the screen is read back as text. @inquirer/testing's render drives only one prompt, because
 * inquirer ends the output it is given when a prompt finishes; a terminal never ends.
 */
class TerminalOutput extends Writable {
  /** Wide, so inquirer does not wrap long questions and split the text the tests look for. */
  readonly columns = 10_000;
  text = '';

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += stripVTControlCharacters(chunk.toString());
    this.emit('screen');
    done();
  }

  override end(): this {
    return this;
  }
}

class FakeTerminal {
  readonly input = new PassThrough();
  readonly output = new TerminalOutput();
  /** Where the next search starts, so an earlier prompt's text is not mistaken for the next one. */
  private cursor = 0;

  get io(): PromptIO {
    return { input: this.input, output: this.output };
  }

  /** Everything shown since the last text waited for. */
  get recent(): string {
    return this.output.text.slice(this.cursor);
  }

  async waitFor(text: string, timeoutMs = 3000): Promise<void> {
    const found = () => {
      const at = this.output.text.indexOf(text, this.cursor);
      if (at < 0) return false;
      this.cursor = at + text.length;
      return true;
    };
    if (found()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.output.off('screen', check);
        reject(new Error(`"${text}" never appeared. The screen ended:\n${this.output.text.slice(-600)}`));
      }, timeoutMs);
      const check = () => {
        if (!found()) return;
        clearTimeout(timer);
        this.output.off('screen', check);
        resolve();
      };
      this.output.on('screen', check);
    });
  }

  /** Waits for `question` to be on screen, then types `keys` as one burst. */
  async typeWhen(question: string, keys: string): Promise<void> {
    await this.waitFor(question);
    this.input.write(keys);
  }

  /** Answers questions in order: [text to wait for, keys to type]. */
  async answer(steps: readonly (readonly [string, string])[]): Promise<void> {
    for (const [question, keys] of steps) await this.typeWhen(question, keys);
  }
}

/** askForAnswers in the shape @inquirer/testing's render expects of a prompt. */
function askPrompt(config: { known: Partial<Answers> }, io?: PromptIO): Promise<Answers> {
  return askForAnswers(config.known, context, io);
}

function message(check: { ok: true } | { ok: false; message: string }): string {
  if (check.ok) throw new Error('expected the check to refuse');
  return check.message;
}

describe('go-live date', () => {
  it('accepts a UK date and returns it as ISO', async () => {
    const { answer, events } = await render(askPrompt, { known: without('goLive') });
    events.type('15/03/2027');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ goLive: '2027-03-15' });
  });

  it('refuses 31/02/2027 with the date rule’s message, then accepts a corrected date', async () => {
    const { answer, events, getScreen, nextRender } = await render(askPrompt, { known: without('goLive') });
    events.type('31/02/2027');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain(message(checkDate('31/02/2027')));
    for (let i = 0; i < '31/02/2027'.length; i += 1) events.keypress('backspace');
    events.type('01/03/2027');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ goLive: '2027-03-01' });
  });

  it('refuses a go-live before today, naming the date, then accepts a later one', async () => {
    const { answer, events, getScreen, nextRender } = await render(askPrompt, { known: without('goLive') });
    events.type('30/11/2026');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('go-live Mon 30 Nov 2026 is before today (Tue 1 Dec 2026)');
    for (let i = 0; i < '30/11/2026'.length; i += 1) events.keypress('backspace');
    events.type('01/03/2027');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ goLive: '2027-03-01' });
  });

  it('offers the Friday before and the Monday after a Saturday go-live, and returns the one chosen', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('goLive'), context, terminal.io);
    await terminal.typeWhen('Go-live date', '13/03/2027\r');
    await terminal.waitFor('Sat 13 Mar 2027 is a weekend. Which date?');
    await terminal.waitFor('Fri 12 Mar 2027');
    await terminal.waitFor('Mon 15 Mar 2027');
    await terminal.waitFor('Keep Sat 13 Mar 2027 anyway');
    terminal.input.write(DOWN + ENTER);
    await expect(answers).resolves.toMatchObject({ goLive: '2027-03-15' });
  });

  it('never offers a working day before today for a weekend go-live', async () => {
    // Today Sat 5 Dec 2026, go-live Sun 6 Dec: the working day before (Fri 4 Dec) has passed.
    const terminal = new FakeTerminal();
    const saturday = { ...context, today: '2026-12-05' as CalendarDate };
    const answers = askForAnswers(without('goLive'), saturday, terminal.io);
    await terminal.typeWhen('Go-live date', '06/12/2026\r');
    await terminal.waitFor('Sun 6 Dec 2026 is a weekend. Which date?');
    await terminal.waitFor('Keep Sun 6 Dec 2026 anyway');
    expect(terminal.recent + terminal.output.text).not.toContain('Fri 4 Dec 2026');
    terminal.input.write(ENTER);
    await expect(answers).resolves.toMatchObject({ goLive: '2026-12-07' });
  });

  it('defaults to the working day before a weekend go-live', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('goLive'), context, terminal.io);
    await terminal.answer([
      ['Go-live date', '14/03/2027\r'],
      ['Which date?', ENTER],
    ]);
    await expect(answers).resolves.toMatchObject({ goLive: '2027-03-12' });
  });

  it('names the bank holiday when go-live is Easter Monday, and can keep the date anyway', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('goLive'), context, terminal.io);
    await terminal.answer([
      ['Go-live date', '2027-03-29\r'],
      ['Mon 29 Mar 2027 is a bank holiday (Easter Monday). Which date?', DOWN + DOWN + ENTER],
    ]);
    await expect(answers).resolves.toMatchObject({ goLive: '2027-03-29' });
  });

  it('asks again when the chosen nation makes go-live a bank holiday that England does not have', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('goLive', 'nation'), context, terminal.io);
    await terminal.answer([
      ['Go-live date', '02/08/2027\r'],
      ["Which nation's bank holidays apply?", DOWN + DOWN + ENTER],
      ['Mon 2 Aug 2027 is a bank holiday (Summer bank holiday). Which date?', ENTER],
    ]);
    await expect(answers).resolves.toMatchObject({ goLive: '2027-07-30', nation: 'scotland' });
  });
});

describe('practice and systems', () => {
  it('upper-cases an ODS code typed in lower case', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('practice'), context, terminal.io);
    await terminal.answer([
      ['Practice name', 'Riverside  Surgery\r'],
      ['ODS code', 'b82005\r'],
    ]);
    await expect(answers).resolves.toMatchObject({ practice: { name: 'Riverside Surgery', ods: 'B82005' } });
  });

  it('refuses an ODS code that is not a letter and five digits', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('practice'), context, terminal.io);
    await terminal.answer([
      ['Practice name', 'Riverside Surgery\r'],
      ['ODS code', 'B8200\r'],
      [message(checkOdsCode('B8200')), CLEAR_LINE + 'B82005\r'],
    ]);
    await expect(answers).resolves.toMatchObject({ practice: { ods: 'B82005' } });
  });

  it('offers EMIS Web and SystmOne, and refuses a new system that is the current one', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('systems'), context, terminal.io);
    await terminal.answer([
      ['Current clinical system', ENTER],
      ['New clinical system', 'emis web\r'],
      ['must be different from the current one', CLEAR_LINE + ENTER],
    ]);
    await expect(answers).resolves.toMatchObject({ systems: { current: 'EMIS Web', new: 'SystmOne' } });
  });
});

describe('team', () => {
  it('refuses a bad email address', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('team'), context, terminal.io);
    await terminal.answer([
      ['Team member 1: role', ENTER],
      ['Team member 1: name', 'Jane Smith\r'],
      ['Team member 1: email', 'jane.smith\r'],
      [message(checkEmail('jane.smith')), CLEAR_LINE + 'jane.smith@nhs.net\r'],
      ['Add another person?', ENTER],
      ['Who is the clinical safety officer', ENTER],
    ]);
    const result = await answers;
    expect(result.team).toEqual([
      { role: 'project-manager', name: 'Jane Smith', email: 'jane.smith@nhs.net' },
    ]);
  });

  it('insists on a project manager before the team is complete', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('team'), context, terminal.io);
    await terminal.answer([
      ['Team member 1: role', DOWN + ENTER],
      ['Team member 1: name', 'Bob Jones\r'],
      ['Team member 1: email', 'bob.jones@nhs.net\r'],
      // With no project manager yet, "yes" is the default; answer no on purpose.
      ['Add another person? (Y/n)', 'n\r'],
      ['needs a project manager', ''],
      ['Team member 2: role', ENTER],
      ['Team member 2: name', 'Jane Smith\r'],
      ['Team member 2: email', 'jane.smith@nhs.net\r'],
      ['Add another person? (y/N)', ENTER],
      ['Who is the clinical safety officer', ENTER],
    ]);
    const result = await answers;
    expect(result.team.map((person) => person.role)).toEqual(['practice-manager', 'project-manager']);
  });

  it('offers the lead GP as the clinical safety officer, and adds them in both roles', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('team'), context, terminal.io);
    const leadGp = context.template.roles.findIndex((role) => role.id === 'lead-gp');
    await terminal.answer([
      ['Team member 1: role', ENTER],
      ['Team member 1: name', 'Jane Smith\r'],
      ['Team member 1: email', 'jane.smith@nhs.net\r'],
      ['Add another person?', 'y\r'],
      ['Team member 2: role', DOWN.repeat(leadGp - 1) + ENTER],
      ['Team member 2: name', 'Zoe Adams\r'],
      ['Team member 2: email', 'zoe.adams@nhs.net\r'],
      ['Add another person?', ENTER],
      ['Who is the clinical safety officer', ''],
      ['Zoe Adams, the lead GP', ENTER],
    ]);
    const result = await answers;
    expect(result.team).toEqual([
      { role: 'project-manager', name: 'Jane Smith', email: 'jane.smith@nhs.net' },
      { role: 'lead-gp', name: 'Zoe Adams', email: 'zoe.adams@nhs.net' },
      { role: 'clinical-safety-officer', name: 'Zoe Adams', email: 'zoe.adams@nhs.net' },
    ]);
  });

  it('adds someone else as the clinical safety officer when there is no lead GP to offer', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('team'), context, terminal.io);
    await terminal.answer([
      ['Team member 1: role', ENTER],
      ['Team member 1: name', 'Jane Smith\r'],
      ['Team member 1: email', 'jane.smith@nhs.net\r'],
      ['Add another person?', ENTER],
      ['Who is the clinical safety officer', ''],
      ['Not chosen yet', '\x1b[A' + ENTER],
      ['Clinical safety officer: name', 'Dr Ali Khan\r'],
      ['Clinical safety officer: email', 'ali.khan@nhs.net\r'],
    ]);
    expect((await answers).team.at(-1)).toEqual({
      role: 'clinical-safety-officer',
      name: 'Dr Ali Khan',
      email: 'ali.khan@nhs.net',
    });
  });
});

describe('dispensing', () => {
  it('asks whether the practice dispenses, and records the answer', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('dispensing'), context, terminal.io);
    await terminal.answer([['Is it a dispensing practice', 'y\r']]);
    await expect(answers).resolves.toMatchObject({ dispensing: true });
  });
});

describe('third parties', () => {
  it('shows each with its notice, and adds a chosen one and one the practice names itself', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('thirdParties'), context, terminal.io);
    const eps = context.template.thirdParties.findIndex((party) => party.id === 'eps');
    await terminal.waitFor('Which third parties and linked services does the practice use?');
    await terminal.waitFor('Electronic Prescription Service (EPS) — 5 weeks notice');
    terminal.input.write(DOWN.repeat(eps) + ' ' + ENTER);
    await terminal.answer([
      ['Add another third party not in the list?', 'y\r'],
      ['Third party name', 'Vocare OOH\r'],
      ['How much notice does Vocare OOH need?', '10 days\r'],
      ['Add another third party not in the list?', ENTER],
    ]);
    const result = await answers;
    expect(result.thirdParties).toEqual([
      { id: 'eps' },
      { name: 'Vocare OOH', notice: { amount: 10, unit: 'd' } },
    ]);
  });

  it('offers only the parties of the practice’s nation, and says which notice periods are assumed', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers({ ...without('thirdParties'), nation: 'scotland' }, context, terminal.io);
    await terminal.waitFor('Which third parties and linked services does the practice use?');
    await terminal.waitFor('NHS NSS Practitioner Services (CHI patient registrations)');
    const screen = terminal.output.text;
    expect(screen).not.toContain('Primary Care Support England');
    expect(screen).toContain('5 weeks notice (assumed; confirm with them)');
    const offered = context.template.thirdParties.filter((p) => !p.nations || p.nations.includes('scotland'));
    const nss = offered.findIndex((p) => p.id === 'practitioner-services-scotland');
    terminal.input.write(DOWN.repeat(nss) + ' ' + ENTER);
    await terminal.answer([['Add another third party not in the list?', ENTER]]);
    expect((await answers).thirdParties).toEqual([{ id: 'practitioner-services-scotland' }]);
  });

  it('refuses a notice period that is not days or weeks', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('thirdParties'), context, terminal.io);
    await terminal.answer([
      ['Which third parties', ENTER],
      ['Add another third party not in the list?', 'y\r'],
      ['Third party name', 'Vocare OOH\r'],
      ['How much notice', 'soon\r'],
      ['is not a notice period', CLEAR_LINE + '5 weeks\r'],
      ['Add another third party not in the list?', ENTER],
    ]);
    const result = await answers;
    expect(result.thirdParties).toEqual([{ name: 'Vocare OOH', notice: { amount: 5, unit: 'w' } }]);
  });
});

describe('absences', () => {
  it('records who is away and when, refusing a last day before the first', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('absences'), context, terminal.io);
    await terminal.answer([
      ['Is anyone away during the migration?', 'y\r'],
      ['Who is away?', DOWN + ENTER],
      ['First day away', '01/02/2027\r'],
      ['Last day away', '31/01/2027\r'],
      ['cannot be before the first day (Mon 1 Feb 2027)', CLEAR_LINE + '05/02/2027\r'],
      ['Add another absence?', ENTER],
    ]);
    const result = await answers;
    expect(result.absences).toEqual([{ who: 'Bob Jones', from: '2027-02-01', to: '2027-02-05' }]);
  });

  it('records none when nobody is away', async () => {
    const { answer, events } = await render(askPrompt, { known: without('absences') });
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ absences: [] });
  });
});

describe('kick-off date', () => {
  it('leaves kickoff undefined when the answer is empty', async () => {
    const { answer, events, getScreen } = await render(askPrompt, { known: without('kickoff') });
    expect(getScreen()).toContain('Kick-off meeting date');
    events.keypress('enter');
    const result = await answer;
    expect(result.kickoff).toBeUndefined();
    expect('kickoff' in result).toBe(false);
  });

  it('refuses a kick-off on or after go-live, then takes a fixed date', async () => {
    const { answer, events, getScreen, nextRender } = await render(askPrompt, { known: without('kickoff') });
    events.type('2027-03-15');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('The kick-off must be before go-live (Mon 15 Mar 2027).');
    for (let i = 0; i < '2027-03-15'.length; i += 1) events.keypress('backspace');
    events.type('07/12/2026');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({ kickoff: '2026-12-07' });
  });
});

describe('meeting location', () => {
  it('is left out when the answer is empty (Enter skips it)', async () => {
    const { answer, events, getScreen } = await render(askPrompt, { known: without('meetingLocation') });
    expect(getScreen()).toContain('Where are the meetings held?');
    events.keypress('enter');
    const result = await answer;
    expect('meetingLocation' in result).toBe(false);
  });

  it('takes a room or a call link as typed, trimmed', async () => {
    const { answer, events } = await render(askPrompt, { known: without('meetingLocation') });
    events.type('  Room 2, or Teams: https://teams.example/l/abc  ');
    events.keypress('enter');
    await expect(answer).resolves.toMatchObject({
      meetingLocation: 'Room 2, or Teams: https://teams.example/l/abc',
    });
  });
});

describe('asking only what is missing', () => {
  it('asks nothing and returns the known answers when nothing is missing', async () => {
    const terminal = new FakeTerminal();
    await expect(askForAnswers(FULL, context, terminal.io)).resolves.toEqual(FULL);
    expect(terminal.output.text).toBe('');
  });

  it('skips the go-live question when go-live is known', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers(without('practice', 'nation'), context, terminal.io);
    await terminal.answer([
      ['Practice name', 'Riverside Surgery\r'],
      ['ODS code', 'B82005\r'],
    ]);
    await terminal.waitFor("Which nation's bank holidays apply?");
    expect(terminal.output.text).not.toContain('Go-live date');
    terminal.input.write(ENTER);
    await expect(answers).resolves.toMatchObject({ goLive: '2027-03-15', nation: 'england' });
  });
});

describe('a whole interview', () => {
  it('asks every question in order and returns complete answers', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers({}, context, terminal.io);
    await terminal.answer(typedAnswers('15/03/2027'));
    await expect(answers).resolves.toEqual({
      practice: { name: 'Riverside Surgery', ods: 'B82005' },
      goLive: '2027-03-15',
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team: [{ role: 'project-manager', name: 'Jane Smith', email: 'jane.smith@nhs.net' }],
      thirdParties: [{ id: context.template.thirdParties[0]!.id }],
      absences: [],
      dispensing: false,
    });
  });
});

describe('cancelling', () => {
  it('rejects with CancelledError on Ctrl-C', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers({}, context, terminal.io);
    await terminal.answer([
      ['Practice name', 'Riverside Surgery\r'],
      ['ODS code', CTRL_C],
    ]);
    await expect(answers).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects with CancelledError on Esc', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers({}, context, terminal.io);
    // A lone Esc byte is only known to be Esc once readline's escape-sequence wait has passed.
    await terminal.typeWhen('Practice name', '\x1b');
    await expect(answers).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects with CancelledError when the caller aborts', async () => {
    const terminal = new FakeTerminal();
    const controller = new AbortController();
    const answers = askForAnswers({}, context, { ...terminal.io, signal: controller.signal });
    await terminal.waitFor('Practice name');
    controller.abort();
    await expect(answers).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects at once when the caller has already aborted', async () => {
    const terminal = new FakeTerminal();
    const answers = askForAnswers({}, context, { ...terminal.io, signal: AbortSignal.abort() });
    await expect(answers).rejects.toBeInstanceOf(CancelledError);
  });

  it('stops listening to the keyboard once the questions are done', async () => {
    const terminal = new FakeTerminal();
    await askForAnswers(FULL, context, terminal.io);
    expect(terminal.input.listenerCount('keypress')).toBe(0);
  });
});

describe('confirmWrite', () => {
  const confirmPrompt = (_config: object, io?: PromptIO) => confirmWrite(io);

  it('asks to write the plan and calendars, yes by default', async () => {
    const { answer, events, getScreen } = await render(confirmPrompt, {});
    expect(getScreen()).toContain('Write the plan and calendars? (Y/n)');
    events.keypress('enter');
    await expect(answer).resolves.toBe(true);
  });

  it('returns false when the answer is no', async () => {
    const { answer, events } = await render(confirmPrompt, {});
    events.type('n');
    events.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });

  it('rejects with CancelledError on Ctrl-C', async () => {
    const { answer, events } = await render(confirmPrompt, {});
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(CancelledError);
  });
});
