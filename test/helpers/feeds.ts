/** Where `kickoff publish` put a practice's feeds: `<ODS>-<token>`, the token kept in feeds.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function feedFolder(out: string, ods: string): string {
  const listed = JSON.parse(readFileSync(join(out, 'feeds.json'), 'utf8')) as {
    ods: string;
    token: string;
  }[];
  const practice = listed.find((p) => p.ods === ods);
  if (!practice) throw new Error(`${ods} is not in ${join(out, 'feeds.json')}`);
  return `${ods}-${practice.token}`;
}
