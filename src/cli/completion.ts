/**
 * kickoff completion bash|zsh|fish: a completion script generated from the option records in
 * options.ts, so a new command or flag is offered without anyone editing a script.
 */
import type { Terminal } from '../adapters/terminal/terminal.js';
import { ExitCode } from '../errors.js';
import { COMMANDS, type CommandSpec, type OptionSpec } from './options.js';

export interface CompletionOptions {
  readonly shell: 'bash' | 'zsh' | 'fish';
}

export async function completion(options: CompletionOptions, terminal: Terminal): Promise<ExitCode> {
  terminal.data(completionScript(options.shell));
  return Promise.resolve(ExitCode.ok);
}

const GLOBAL = ['--help', '--version', '--no-color', '--debug'];

/** `--plan <file>` → `--plan`; `--no-input` stays. */
function longFlag(option: OptionSpec): string {
  return option.flags.split(/[ ,]+/).find((f) => f.startsWith('--'))!;
}

function takesValue(option: OptionSpec): boolean {
  return /<[^>]+>/.test(option.flags);
}

function choicesOf(command: CommandSpec): string[] {
  return (command.arguments ?? []).flatMap((a) => a.choices ?? []);
}

function wantsFiles(command: CommandSpec): boolean {
  return (command.arguments ?? []).some((a) => !a.choices && !a.itemId && a.name !== 'date');
}

function wantsIds(command: CommandSpec): boolean {
  return (command.arguments ?? []).some((a) => a.itemId);
}

/** A shell pipeline printing the role ids of the plan named by $plan (the keys under `roles:`). */
const ROLES_OF_PLAN = `{ [ -d "$plan" ] && plan="$plan/kickoff.yaml"; awk '/^roles:/{r=1;next} /^[^ #]/{r=0} r && /^  [a-z0-9-]+:/{sub(/^  /,"");sub(/:.*/,"");print}' "$plan" 2>/dev/null; }`;

/** Options whose values completion offers: fixed choices, or the plan's roles. */
function valueCases(): string {
  return COMMANDS.flatMap((c) =>
    c.options.flatMap((o) => {
      const key = `"${c.name} ${longFlag(o)}"`;
      if (o.choices)
        return [`    ${key}) COMPREPLY=( $(compgen -W "${o.choices.join(' ')}" -- "$cur") ); return ;;`];
      if (o.roleId)
        return [
          `    ${key}) planFlag; COMPREPLY=( $(compgen -W "$(${ROLES_OF_PLAN})" -- "$cur") ); return ;;`,
        ];
      return [];
    }),
  ).join('\n');
}

/** A shell pipeline printing the item ids of the plan named by $plan (a file or its folder). */
const IDS_OF_PLAN = `{ [ -d "$plan" ] && plan="$plan/kickoff.yaml"; sed -n 's/^ *- id: \\([a-z0-9-]*\\).*/\\1/p' "$plan" 2>/dev/null; }`;

export function completionScript(shell: CompletionOptions['shell']): string {
  if (shell === 'fish') return fish();
  const script = bash();
  // zsh runs the bash script through its bash-completion emulation.
  return shell === 'zsh'
    ? `#compdef kickoff\n# kickoff completion for zsh: eval "$(kickoff completion zsh)" in ~/.zshrc\nautoload -U +X bashcompinit && bashcompinit\n${script}`
    : script;
}

function bash(): string {
  const valueFlags = [...new Set(COMMANDS.flatMap((c) => c.options.filter(takesValue).map(longFlag)))].sort();
  const cases = COMMANDS.map((c) => {
    const words = [...c.options.map(longFlag), ...choicesOf(c), '--help'].join(' ');
    const files = wantsFiles(c) ? ' files=1;' : '';
    const ids = wantsIds(c) ? ' ids=1;' : '';
    return `    ${c.name}) words="${words}";${files}${ids} ;;`;
  }).join('\n');
  return `# kickoff completion for bash: eval "$(kickoff completion bash)" in ~/.bashrc
_kickoff() {
  local cur prev words="" files=0 ids=0 plan=kickoff.yaml i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  planFlag() { for (( i=1; i < COMP_CWORD; i++ )); do [[ "\${COMP_WORDS[i]}" == --plan ]] && plan="\${COMP_WORDS[i+1]}"; done; }
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${COMMANDS.map((c) => c.name).join(' ')} ${GLOBAL.join(' ')}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]} $prev" in
${valueCases()}
  esac
  case "$prev" in
    ${valueFlags.join('|')})
      COMPREPLY=( $(compgen -f -- "$cur") )
      return ;;
  esac
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  if [[ $files -eq 1 && "$cur" != -* ]]; then COMPREPLY+=( $(compgen -f -- "$cur") ); fi
  if [[ $ids -eq 1 && "$cur" != -* ]]; then
    planFlag
    COMPREPLY+=( $(compgen -W "$(${IDS_OF_PLAN})" -- "$cur") )
  fi
}
complete -o filenames -F _kickoff kickoff
`;
}

function fish(): string {
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '# kickoff completion for fish: kickoff completion fish > ~/.config/fish/completions/kickoff.fish',
    'complete -c kickoff -f',
  ];
  for (const c of COMMANDS) {
    lines.push(`complete -c kickoff -n __fish_use_subcommand -a ${c.name} -d ${quote(c.summary)}`);
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    const choices = choicesOf(c);
    if (choices.length > 0) lines.push(`complete -c kickoff ${when} -a ${quote(choices.join(' '))}`);
    if (wantsFiles(c)) lines.push(`complete -c kickoff ${when} -F`);
    for (const o of c.options) {
      const values = o.choices ? ` -r -f -a ${quote(o.choices.join(' '))}` : takesValue(o) ? ' -r -F' : '';
      lines.push(
        `complete -c kickoff ${when} -l ${longFlag(o).slice(2)}${values} -d ${quote(o.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
